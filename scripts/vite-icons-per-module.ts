// `@element-plus/icons-vue` ships its 293 icons as one module, and Rollup keeps a module whole in
// one chunk: every icon any part of the app imports (ours and Element Plus's) landed in the
// renderer's entry, start-up's largest list of code nobody on the first screen runs. This plugin
// serves the package as a barrel of one module per icon, cut from its own build along the
// `// src/components/<name>.vue` sections it is made of, so each icon goes to the chunk that uses it.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Plugin } from 'vite'

const PACKAGE = '@element-plus/icons-vue'
const BARREL = '\0calllens-icons'
const ICON = '\0calllens-icon:'

export interface IconModules {
  /** The barrel: re-exports every icon under the package's own export name. */
  barrel: string
  /** Per export name, a module whose default export is that icon. */
  icons: Map<string, string>
}

/**
 * Cuts the package's ES build into one module per icon. Each section declares its own imports
 * (from vue) and one `<name>_default`; the closing `export { a_default as A, … }` names them. Throws
 * when the build is not shaped so (another version of the package), rather than guess.
 */
export function splitIconModules(source: string): IconModules {
  const exportAt = source.lastIndexOf('\nexport {')
  if (exportAt < 0) throw new Error(`${PACKAGE}: no export list at the end of its build`)
  const sections = source
    .slice(0, exportAt)
    .split(/^(?=\/\/ src\/components\/[a-z0-9-]+\.vue$)/m)
    .slice(1)
  const byLocal = new Map<string, string>()
  for (const section of sections) {
    const local = /\}\), ([a-z0-9_]+_default) = _sfc_main\d*;\s*$/.exec(section)?.[1]
    if (!local) throw new Error(`${PACKAGE}: a section without its icon: ${section.slice(0, 60)}`)
    byLocal.set(local, section)
  }
  const icons = new Map<string, string>()
  const list = source.slice(exportAt).replace(/^\s*export \{|\};?\s*$/g, '')
  for (const entry of list.split(',')) {
    const match = /^\s*([a-z0-9_]+_default) as ([A-Za-z0-9]+)\s*$/.exec(entry)
    if (!match) throw new Error(`${PACKAGE}: an export the split does not know: ${entry.trim()}`)
    const [, local, name] = match as unknown as [string, string, string]
    const section = byLocal.get(local)
    if (!section) throw new Error(`${PACKAGE}: ${name} is exported but has no section`)
    icons.set(name, `${section}\nexport default ${local};\n`)
  }
  if (icons.size !== byLocal.size) throw new Error(`${PACKAGE}: ${byLocal.size} sections, ${icons.size} exports`)
  const barrel = [...icons.keys()].map((name) => `export { default as ${name} } from '${ICON}${name}'`).join('\n')
  return { barrel, icons }
}

export function iconsPerModule(): Plugin {
  let modules: IconModules | null = null
  const load = () => {
    const file = createRequire(import.meta.url)
      .resolve(PACKAGE)
      .replace(/index\.cjs$/, 'index.js')
    modules ??= splitIconModules(readFileSync(file, 'utf8'))
    return modules
  }
  return {
    name: 'calllens-icons-per-module',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      if (source === PACKAGE) return BARREL
      return source.startsWith(ICON) ? source : null
    },
    load(id) {
      // Side-effect free, as the package declares itself: an icon nobody imports is left out.
      if (id === BARREL) return { code: load().barrel, moduleSideEffects: false }
      if (!id.startsWith(ICON)) return null
      const icon = load().icons.get(id.slice(ICON.length))
      if (icon === undefined) this.error(`no icon ${id.slice(ICON.length)} in ${PACKAGE}`)
      return { code: icon, moduleSideEffects: false }
    },
  }
}
