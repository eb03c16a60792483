// No import cycles in electron/ and renderer/, type-only imports included: lint's
// import-x/no-cycle skips those (they vanish at run time), yet a circle of types still ties two
// modules together (contract/constants.ts ↔ settings.ts and i18n/en.ts ↔ index.ts were such).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path)
    return /\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The module a specifier names, or null for a package. */
function resolveSpecifier(from: string, specifier: string): string | null {
  let base: string
  if (specifier.startsWith('.')) base = resolve(dirname(from), specifier)
  else if (specifier.startsWith('@shared/')) base = join(ROOT, 'electron/shared', specifier.slice('@shared/'.length))
  else return null
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (/\.(ts|vue)$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null
}

function importsOf(file: string): string[] {
  let text = readFileSync(file, 'utf8')
  if (file.endsWith('.vue')) text = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
  return ts
    .preProcessFile(text, true, false)
    .importedFiles.map((imported) => resolveSpecifier(file, imported.fileName))
    .filter((path): path is string => path !== null)
}

/** Strongly connected components of more than one module (Tarjan), each as paths from the root. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string): void => {
    index.set(node, index.size)
    low.set(node, index.get(node)!)
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!))
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(relative(ROOT, member))
    } while (member !== node)
    if (component.length > 1) found.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}

describe('the import graph', () => {
  it('has no cycles in electron/ and renderer/, counting type-only imports', () => {
    const files = [...sourceFiles(join(ROOT, 'electron')), ...sourceFiles(join(ROOT, 'renderer/src'))]
    expect(files.length).toBeGreaterThan(200)
    const graph = new Map(files.map((file) => [file, importsOf(file)]))
    expect(cycles(graph)).toEqual([])
  })
})
