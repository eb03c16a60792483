// The header table: every column of every export has a label in both languages.
import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '../../shared/contract'
import { EXPORT_LABELS, columnLabel } from './export-labels'
import { CALL_COLUMNS, NOT_DIALED_COLUMNS, TASK_COLUMNS } from './export-table'

describe('export column labels', () => {
  it('name the same columns in Chinese and English, none of them empty', () => {
    expect(Object.keys(EXPORT_LABELS.en).sort()).toEqual(Object.keys(EXPORT_LABELS['zh-CN']).sort())
    for (const language of LANGUAGES) {
      for (const label of Object.values(EXPORT_LABELS[language])) expect(label.trim()).not.toBe('')
    }
  })

  it('give every column of each export its own header in each language', () => {
    for (const columns of [CALL_COLUMNS, NOT_DIALED_COLUMNS, TASK_COLUMNS]) {
      for (const language of LANGUAGES) {
        const headers = columns.map((column) => columnLabel(language, column.key))
        expect(headers.every((header) => header !== undefined && header !== '')).toBe(true)
        expect(new Set(headers).size).toBe(headers.length)
      }
    }
  })

  it('number continuation columns after the first', () => {
    expect(columnLabel('zh-CN', 'transcript')).toBe('通话文本')
    expect(columnLabel('en', 'transcript', 3)).toBe('Transcript (3)')
  })
})
