import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '@shared/contract'
import { ApiError } from '../api/client'
import { TransportError } from '../api/transport'
import en from '../i18n/en'
import zhCN from '../i18n/zh-CN'
import { describeError } from './describe-error'

/** A translator over one locale's messages, as vue-i18n's t() resolves a dotted key. */
function translator(messages: object) {
  return (key: string): string => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages)
    if (typeof value !== 'string') throw new Error(`no message ${key}`)
    return value
  }
}

const HAN = /\p{Script=Han}/u

describe('describing an error for the reviewer', () => {
  it('translates every error main can report into a whole sentence, the technical message kept apart', () => {
    const t = translator(zhCN)
    for (const code of ERROR_CODES) {
      const described = describeError(
        new ApiError({ code, message: 'GET /task/getTaskDetail: the API has no task 3002.' }),
        t,
      )
      expect(described.kind).toBe('api')
      // No English detail inside the Chinese sentence, and no placeholder left unfilled.
      expect(described.text, code).not.toMatch(/getTaskDetail|\{|\}/)
      expect(described.text, code).toMatch(HAN)
      expect(described.detail).toBe(`${code}: GET /task/getTaskDetail: the API has no task 3002.`)
    }
  })

  it('keeps main’s structured details in the technical detail', () => {
    const error = new ApiError({ code: 'invalid_input', message: 'bad', details: [{ path: ['taskId'] }] })
    expect(describeError(error, translator(en)).detail).toContain('"taskId"')
  })

  it('says main cannot be reached only when the transport failed', () => {
    const cause = new TypeError('Failed to fetch')
    const described = describeError(
      new TransportError('tasks.list: the CallLens host did not answer', { cause }),
      translator(en),
    )
    expect(described).toMatchObject({ kind: 'transport', text: en.errors.offline })
    expect(described.detail).toContain('Failed to fetch')
  })

  it('reports a bug in the renderer as a bug, with its stack as the detail', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'taskId')")
    const described = describeError(bug, translator(zhCN))
    expect(described.kind).toBe('bug')
    expect(described.text).toBe(zhCN.errors.renderer_bug)
    expect(described.text).not.toBe(zhCN.errors.offline)
    expect(described.detail).toContain("reading 'taskId'")
  })
})
