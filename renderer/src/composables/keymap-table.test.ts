import { format, resolveConfig } from 'prettier'
import { describe, expect, it } from 'vitest'
// The README as vite serves it to the test (the renderer's tsconfig has no Node types for node:fs).
import readme from '../../../README.md?raw'
import { TABLE_END, TABLE_START, keymapTable } from './keymap-table'

describe("the README's keyboard table", () => {
  it('is the keymap registry, as Prettier formats it (`npm run docs:keys` rewrites it)', async () => {
    const start = readme.indexOf(TABLE_START)
    const end = readme.indexOf(TABLE_END)
    expect(start, 'the README marks where the table starts').toBeGreaterThanOrEqual(0)
    expect(end, 'and where it ends').toBeGreaterThan(start)
    const inReadme = readme.slice(start + TABLE_START.length, end).trim()
    // vitest runs from the repository root, where Prettier's config for README.md is found.
    const options = await resolveConfig('README.md')
    const expected = (await format(keymapTable(), { ...options, parser: 'markdown' })).trim()
    expect(inReadme).toBe(expected)
  })

  it('shows keys as printed on them, never as KeyboardEvent.code names', () => {
    const table = keymapTable()
    expect(table).toContain('`J` or `↓`')
    expect(table).toContain('`Shift+←`')
    expect(table).toContain('`[`')
    expect(table).toContain('`Space`')
    expect(table).toContain('`Shift+B`')
    expect(table).not.toMatch(/Key[A-Z]|Digit\d|Bracket|Arrow/)
  })
})
