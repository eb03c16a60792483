// The icon split works on the installed package itself: every icon it exports becomes a module of
// its own that exports that icon alone, and a package shaped otherwise stops the build.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { splitIconModules } from './vite-icons-per-module'

const file = createRequire(import.meta.url)
  .resolve('@element-plus/icons-vue')
  .replace(/index\.cjs$/, 'index.js')
const source = readFileSync(file, 'utf8')

describe('icons per module', () => {
  it('makes one module per exported icon, each defining that icon alone, and a barrel naming them all', async () => {
    const exported = Object.keys(await import('@element-plus/icons-vue')).sort()
    const { barrel, icons } = splitIconModules(source)
    expect([...icons.keys()].sort()).toEqual(exported)
    expect(barrel.split('\n')).toHaveLength(exported.length)
    const search = icons.get('Search')!
    expect(search).toContain('name: "Search"')
    expect(search.match(/_defineComponent\d*\(/g)).toHaveLength(1)
    expect(search).toMatch(/export default search_default;\n$/)
  })

  it('refuses a build it does not recognise', () => {
    expect(() => splitIconModules(source.replace(/\nexport \{[\s\S]*$/, ''))).toThrow(/no export list/)
    expect(() =>
      splitIconModules(source.replace('search_default as Search', 'search_default as Search, x as Y')),
    ).toThrow(/an export the split does not know|has no section/)
  })
})
