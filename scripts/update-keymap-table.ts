// `npm run docs:keys`: rewrites the README's keyboard table from the keymap registry (and the
// English key labels), as keymap-table.test.ts expects it.
import { readFileSync, writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'

interface KeymapTableModule {
  TABLE_START: string
  TABLE_END: string
  keymapTable(): string
}
// A renderer module (typechecked there, with the DOM's types); tsx runs it here as is.
const RENDERER_MODULE = '../renderer/src/composables/keymap-table.ts'
const { TABLE_END, TABLE_START, keymapTable } = (await import(RENDERER_MODULE)) as KeymapTableModule

const readme = readFileSync('README.md', 'utf8')
const start = readme.indexOf(TABLE_START)
const end = readme.indexOf(TABLE_END)
if (start < 0 || end < start) throw new Error('README.md has no keyboard table markers')
const options = await resolveConfig('README.md')
const table = (await format(keymapTable(), { ...options, parser: 'markdown' })).trim()
writeFileSync('README.md', `${readme.slice(0, start + TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`)
console.log('README.md: keyboard table updated')
