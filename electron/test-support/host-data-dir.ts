// Test support: a data directory for a browser-mode host under test, with the one-page renderer
// it serves beside it (the host's static files need an index.html, nothing more).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function hostDataDir(prefix: string): { dataDir: string; rendererDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), prefix))
  const rendererDir = join(dataDir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CallLens</title>')
  return { dataDir, rendererDir }
}
