// The app secret never leaves the main process: after connecting with a known secret, testing
// the connection, syncing through server errors, reviewing a call and exporting, the secret is
// nowhere in the DOM, web storage, IndexedDB, any HTTP response or event the renderer received,
// the host's output, the exports, or any file of the data directory but its 0600 key file.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join, relative } from 'node:path'
import { generateWorld } from '../electron/sim/dataset/generate'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectThroughWelcome } from './simulated-byrobot'

const SECRET = 'sk-CallLens-E2E-7Qw9Zt3xVb5Ny2'

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

/** The secret as it could be stored: UTF-8, UTF-16 (SQLite can use it), base64. */
const FORMS = [
  Buffer.from(SECRET, 'utf8'),
  Buffer.from(SECRET, 'utf16le'),
  Buffer.from(Buffer.from(SECRET).toString('base64')),
]
const holdsSecret = (bytes: Buffer) => FORMS.some((form) => bytes.includes(form))

test('the app secret appears nowhere the renderer, the logs, the exports or the data files can show', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const world = generateWorld({ tasks: 2, calls: 10, seed: 4 })
  sim = await startSimulator({
    dataset: { ...world, credentials: world.credentials.map((c, i) => (i === 0 ? { ...c, appSecret: SECRET } : c)) },
    faults: '500=0.15,malformed=0.1,502=0.05,retryAfter=0,seed=6',
  })
  expect(sim.credentials.appSecret).toBe(SECRET)
  const page = app.page

  // Every response the renderer receives (the event stream is read separately below).
  const responses: Promise<{ url: string; body: Buffer } | null>[] = []
  page.on('response', (response) => {
    if ((response.headers()['content-type'] ?? '').includes('event-stream')) return
    responses.push(
      response.body().then(
        (body) => ({ url: response.url(), body }),
        () => null,
      ),
    )
  })
  let events = ''
  const host = app.host
  if (host) {
    const stream = httpRequest(`${host.origin}/api/events`, {
      headers: { Authorization: `Bearer ${host.token}` },
    })
    stream.on('response', (res) => res.on('data', (chunk: Buffer) => (events += chunk.toString('utf8'))))
    stream.on('error', () => {})
    stream.end()
    page.once('close', () => stream.destroy())
  }

  // Test the connection first (the secret goes to main once more), then save and sync.
  await connectThroughWelcome(
    page,
    { name: '密钥测试', baseUrl: sim.baseUrl, ...sim.credentials, companyId: sim.companyId },
    { testFirst: true },
  )
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', /^(done|partial|failed)$/, {
    timeout: 60_000,
  })
  const state = (await (await fetch(`${sim.origin}/__admin/state`)).json()) as { injected: Record<string, number> }
  expect(
    Object.values(state.injected).reduce((a, b) => a + b, 0),
    'errors were met on the way',
  ).toBeGreaterThan(0)

  // Look around: calls, one call with its recording, settings with the profile, an export.
  await page.getByTestId('nav-calls').click()
  const row = page.locator('[data-testid="call-row"][data-call-id]').first()
  await expect(row).toBeVisible()
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${await row.getAttribute('data-call-id')}`)
  await expect(page.getByTestId('review-page')).toBeVisible()
  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('settings-page')).toBeVisible()
  const exports: Buffer[] = []
  for (const format of ['json', 'csv'] as const) {
    // Browser mode answers with a download link; the page fetches the file as its download would.
    const result = (await app.invokeRaw('export.calls', { format })) as { ok: boolean; value: { url: string } }
    expect(result.ok).toBe(true)
    const text = await page.evaluate(async (url) => {
      const response = await fetch(url)
      if (!response.ok) throw new Error(`${url}: ${response.status}`)
      return response.text()
    }, result.value.url)
    exports.push(Buffer.from(text))
  }
  expect(exports[0]!.length).toBeGreaterThan(100)

  // The page: DOM, web storage, IndexedDB.
  expect(await page.content()).not.toContain(SECRET)
  const storage = await page.evaluate(() =>
    JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
  )
  expect(storage).not.toContain(SECRET)
  const indexedDb = await page.evaluate(async () => {
    const dump: unknown[] = []
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!)
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      for (const name of Array.from(db.objectStoreNames)) {
        const all = db.transaction(name).objectStore(name).getAll()
        dump.push(await new Promise((resolve) => (all.onsuccess = () => resolve(all.result))))
      }
      db.close()
    }
    return JSON.stringify(dump)
  })
  expect(indexedDb).not.toContain(SECRET)

  // Everything the renderer received over HTTP, and every event.
  const received = (await Promise.all(responses)).filter((r) => r !== null)
  expect(received.some((r) => r.url.includes('/api/invoke'))).toBe(true)
  for (const { url, body } of received) expect(holdsSecret(body), url).toBe(false)
  if (host) {
    expect(events).toContain('sync.progress')
    expect(events).not.toContain(SECRET)
    // The host's logs.
    expect(host.output.join('')).not.toContain(SECRET)
  }

  // The exports.
  for (const file of exports) expect(holdsSecret(file)).toBe(false)

  // The data directory: only the key file holds it, and only its owner may read it.
  const files = filesUnder(app.dataDir)
  expect(files.some((file) => file.endsWith('cache.db'))).toBe(true)
  const keyFiles = files.filter((file) => /^secrets[/\\][^/\\]+\.key$/.test(relative(app.dataDir, file)))
  for (const file of files) {
    if (keyFiles.includes(file)) continue
    expect(holdsSecret(readFileSync(file)), relative(app.dataDir, file)).toBe(false)
  }
  if (app.mode === 'browser') {
    expect(keyFiles).toHaveLength(1)
    expect(readFileSync(keyFiles[0]!, 'utf8')).toBe(SECRET)
    expect(statSync(keyFiles[0]!).mode & 0o777).toBe(0o600)
    expect(statSync(join(app.dataDir, 'secrets')).mode & 0o777).toBe(0o700)
  }
  expect(statSync(app.dataDir).mode & 0o777).toBe(0o700)
})
