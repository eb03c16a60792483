// Boundary suite, for what the tests beside the code leave out (http-host.test.ts covers the
// token, Host and Origin checks on /api; dispatch.test.ts one bad input per channel;
// fetch-recording.test.ts non-http(s) recording URLs; call-store.test.ts escaping paths on write;
// profile-service.test.ts the 0600 key file): the host's listening address, the media route,
// escaping paths already in the database, ids from the renderer, and file modes.
import Database from 'better-sqlite3'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channels, type ChannelName } from '../shared/contract'
import { createHostBackend } from '../host/host-backend'
import { startHost, type RunningHost } from '../host/http-host'
import { createToken } from '../host/security'
import { routes } from '../routes'
import { dispatch } from '../routes/dispatch'
import { CallCache } from '../services/cache'
import { makeDetail, makeRecording, makeSummary, makeTask, openTempCache } from '../test-support/cache-fixtures'
import { createNodeServices } from '../services/create-node-services'
import { ensureDataDir } from '../services/data-dir'
import { downloadToFile } from '../services/media/download'
import type { MediaSource, RecordingKind } from '../services/media/media-source'
import type { Services } from '../services/services'

let host: RunningHost
let token: string
let services: Services
let dataDir: string
const mediaAsked: [number, RecordingKind][] = []
const RECORDING = Buffer.from('RIFF0000WAVEfmt the recording of call 5')

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'calllens-boundaries-'))
  const rendererDir = join(dataDir, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CallLens</title>')
  const recording = join(dataDir, 'call-5.wav')
  writeFileSync(recording, RECORDING)
  writeFileSync(join(dataDir, 'secret.txt'), 'not a recording')
  const media: MediaSource = {
    recordingFile(callInstanceId, kind) {
      mediaAsked.push([callInstanceId, kind])
      return callInstanceId === 5 && kind === 'full' ? recording : null
    },
  }
  token = createToken()
  services = createNodeServices({ dataDir, version: '0.0.0-test', appRoot: join(import.meta.dirname, '../..') })
  host = await startHost({ backend: createHostBackend({ routes, services, media }), rendererDir, token })
})

afterAll(async () => {
  await host.close()
  services.workspace.close()
})

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } },
      (res) => {
        let body = ''
        res.setEncoding('latin1')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

function canConnect(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2000 })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => (socket.destroy(), resolve(false)))
  })
}

/** Local addresses of the listening sockets on `port`, from the kernel's tables (Linux). */
function listeningAddresses(port: number): string[] | null {
  if (!existsSync('/proc/net/tcp')) return null
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .filter((file) => existsSync(file))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A') // 0A = LISTEN
    .map((cols) => cols[1]!.split(':')[0]!)
}

describe('the browser-mode host', () => {
  it('listens on 127.0.0.1 only', async () => {
    const addresses = listeningAddresses(host.port)
    if (addresses) expect(addresses).toEqual(['0100007F']) // 127.0.0.1, and no IPv6 socket
    expect(await canConnect('127.0.0.1', host.port)).toBe(true)
    const elsewhere = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info && !info.internal)
      .map((info) => info!.address)
    for (const address of [...elsewhere, '::1']) {
      expect(await canConnect(address, host.port), `reachable on ${address}`).toBe(false)
    }
  })

  it('serves a recording only to a caller holding the token, from its own origin', async () => {
    expect((await get('/media/5/full')).status).toBe(401)
    expect((await get('/media/5/full', { Authorization: `Bearer ${token}x` })).status).toBe(401)
    expect((await get('/media/5/full', { Cookie: `calllens_media=${token.slice(0, -1)}` })).status).toBe(401)
    expect(
      (await get('/media/5/full', { Authorization: `Bearer ${token}`, Origin: 'http://evil.example' })).status,
    ).toBe(401)
    expect((await get('/media/5/full', { Host: 'evil.example', Authorization: `Bearer ${token}` })).status).toBe(421)
    expect(mediaAsked).toEqual([])

    const byHeader = await get('/media/5/full', { Authorization: `Bearer ${token}` })
    expect(byHeader).toEqual({ status: 200, body: RECORDING.toString('latin1') })
    const byCookie = await get('/media/5/full', { Cookie: `calllens_media=${token}`, Range: 'bytes=0-3' })
    expect(byCookie).toEqual({ status: 206, body: 'RIFF' })
  })

  it('refuses any media path but /media/<id>/<full|customer>, without touching the cache', async () => {
    mediaAsked.length = 0
    const refused = [
      '/media/5',
      '/media/5/full/',
      '/media/5/full/x',
      '/media/5/other',
      '/media/0/full',
      '/media/-5/full',
      '/media/5.0/full',
      '/media/0x5/full',
      '/media/99999999999999999999/full',
      '/media/../secret.txt',
      '/media/5/..%2f..%2fsecret.txt',
      '/media/%2e%2e/%2e%2e/secret.txt',
      '/media/5%2Ffull',
      '/media/call-5.wav',
      '/media/' + '9'.repeat(5000) + '/full',
    ]
    for (const path of refused) {
      const reply = await get(path, { Authorization: `Bearer ${token}` })
      expect(reply.status, path).toBe(404)
      expect(reply.body, path).not.toContain('not a recording')
      expect(reply.body, path).not.toContain('RIFF')
    }
    expect(mediaAsked).toEqual([])
    expect((await get('/media/6/customer', { Authorization: `Bearer ${token}` })).status).toBe(404)
    expect(mediaAsked).toEqual([[6, 'customer']])
  })
})

describe('the cache', () => {
  it('refuses a stored recording path that leaves the profile directory', () => {
    const { cache, dir } = openTempCache()
    cache.upsertTasks([makeTask(1)])
    const call = makeSummary(42)
    cache.upsertCallSummaries(1, [call])
    cache.saveCallDetail(makeDetail(call), [makeRecording(42)])
    expect(cache.recordingPath(42, 'full')).toBe(join(dir, 'profile-1', 'recordings', '42', 'full.mp3'))
    cache.close()

    // A row that got there anyway (an older build, a hand-edited file) still cannot point outside.
    const dbPath = join(dir, 'profile-1', 'cache.db')
    for (const path of ['../../etc/passwd', '/etc/passwd', 'recordings/../../../x.mp3', '..', '.']) {
      const db = new Database(dbPath)
      db.prepare('UPDATE recordings SET path = ? WHERE call_id = 42').run(path)
      db.close()
      const reopened = new CallCache(dbPath)
      expect(reopened.recordingPath(42, 'full'), path).toBeNull()
      reopened.close()
    }
  })
})

describe('ids from the renderer', () => {
  const badNumbers = [0, -1, 1.5, 2 ** 53, Number.NaN, Infinity, '1', '1 OR 1=1', null, [], {}, true]
  const badProfileIds = ['', '../x', 'a/b', 'a\\b', '..', 'x'.repeat(500), 1, null]
  const idFields: [ChannelName, string, Record<string, unknown>][] = [
    ['calls.get', 'callInstanceId', {}],
    ['media.recording', 'callInstanceId', { kind: 'full' }],
    ['reviews.get', 'callInstanceId', {}],
    ['reviews.save', 'callInstanceId', {}],
    ['tasks.get', 'taskId', {}],
    ['tasks.notDialed', 'taskId', {}],
    ['sync.start', 'taskId', {}],
    ['sync.call', 'callInstanceId', {}],
    ['reviews.list', 'taskId', {}],
    ['calls.query', 'taskId', {}],
  ]

  it('refuses every id that is not a positive safe integer, for every channel taking one', async () => {
    for (const [name, field, rest] of idFields) {
      for (const id of badNumbers) {
        const input = name === 'calls.query' ? { filter: { [field]: id } } : { ...rest, [field]: id }
        const result = await dispatch(routes, services, name, input)
        expect(result, `${name} ${field}=${JSON.stringify(id)}`).toMatchObject({
          ok: false,
          error: { code: 'invalid_input' },
        })
      }
    }
    for (const name of ['profiles.activate', 'profiles.remove'] as const) {
      for (const id of badProfileIds) {
        const result = await dispatch(routes, services, name, { id })
        expect(result, `${name} id=${JSON.stringify(id)}`).toMatchObject({
          ok: false,
          error: { code: 'invalid_input' },
        })
      }
    }
    expect(idFields.every(([name]) => name in channels)).toBe(true)
  })
})

describe('file modes', () => {
  it('makes the data directory private, even one that existed with looser rights', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'calllens-mode-')), 'CallLens')
    expect(statSync(ensureDataDir(fresh)).mode & 0o777).toBe(0o700)
    const loose = mkdtempSync(join(tmpdir(), 'calllens-mode-'))
    chmodSync(loose, 0o755)
    expect(statSync(ensureDataDir(loose)).mode & 0o777).toBe(0o700)
  })

  it('writes recordings owner-only, in an owner-only directory', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'calllens-mode-'))
    const file = join(profileDir, 'recordings', '5.wav')
    await downloadToFile(new Response(RECORDING).body!, file)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(profileDir, 'recordings')).mode & 0o777).toBe(0o700)
  })
})
