// In-page measuring code lives in bench/page/*.js as plain browser JavaScript (this project's
// TypeScript has no DOM types), each file one default-exported function, sent to the page as text.
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const sources = new Map<string, string>()

export function runInPage<T>(page: Page, name: string, arg: unknown = null): Promise<T> {
  let source = sources.get(name)
  if (source === undefined) {
    source = readFileSync(join(import.meta.dirname, '../page', `${name}.js`), 'utf8')
      .replace(/^export default /m, '')
      .trim()
    sources.set(name, source)
  }
  return page.evaluate(`(${source})(${JSON.stringify(arg)})`) as Promise<T>
}
