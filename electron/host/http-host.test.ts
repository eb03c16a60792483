import { mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { routes } from '../routes'
import { createNodeServices } from '../services/create-node-services'
import { createHostBackend } from './host-backend'
import { startHost, type HostBackend, type RunningHost } from './http-host'
import { createToken, isAllowedHost } from './security'
import { hostDataDir } from '../test-support/host-data-dir'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request, so the Host header can be set to anything (fetch forbids that). */
function send(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

let host: RunningHost
let token: string
let services: ReturnType<typeof createNodeServices>

beforeEach(async () => {
  const { dataDir, rendererDir } = hostDataDir('calllens-host-')
  writeFileSync(join(dataDir, 'secret.txt'), 'outside the renderer')
  token = createToken()
  services = createNodeServices({ dataDir, version: '0.0.0-test', appRoot: join(import.meta.dirname, '../..') })
  host = await startHost({ backend: createHostBackend({ routes, services }), rendererDir, token })
})

afterEach(async () => {
  await host.close()
})

function invoke(headers: Record<string, string>, body: unknown = { channel: 'app.info' }): Promise<Reply> {
  return send(host.port, {
    path: '/api/invoke',
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Host: `127.0.0.1:${host.port}`, ...headers },
    body: JSON.stringify(body),
  })
}

describe('browser-mode host', () => {
  it('prints a loopback URL carrying a fresh random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${token}`)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(createToken()).not.toBe(token)
  })

  it('answers a request that carries the token', async () => {
    const reply = await invoke({ Authorization: `Bearer ${token}` })
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { mode: 'browser', version: '0.0.0-test' } })
  })

  it('refuses api requests with no token, a wrong token or a token in another scheme (401)', async () => {
    const refused: Record<string, string>[] = [
      {},
      { Authorization: `Bearer ${token}x` },
      { Authorization: `Bearer ${token.slice(0, -1)}` },
      { Authorization: token },
    ]
    for (const headers of refused) {
      const reply = await invoke(headers)
      expect(reply.status).toBe(401)
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    }
    const events = await send(host.port, { path: '/api/events', headers: { Host: `127.0.0.1:${host.port}` } })
    expect(events.status).toBe(401)
  })

  it('refuses any Host header but its own loopback address and port (DNS rebinding)', async () => {
    for (const hostHeader of [
      'evil.example',
      `evil.example:${host.port}`,
      `localhost:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
    ]) {
      const api = await invoke({ Authorization: `Bearer ${token}`, Host: hostHeader })
      expect(api.status, hostHeader).toBe(421)
      const page = await send(host.port, { path: '/', headers: { Host: hostHeader } })
      expect(page.status, hostHeader).toBe(421)
    }
    expect(isAllowedHost(undefined, host.port)).toBe(false)
  })

  it('refuses a cross-origin browser request even with the token', async () => {
    const reply = await invoke({ Authorization: `Bearer ${token}`, Origin: 'http://evil.example' })
    expect(reply.status).toBe(401)
  })

  it('answers malformed bodies with a typed error', async () => {
    const reply = await send(host.port, {
      path: '/api/invoke',
      method: 'POST',
      headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${token}` },
      body: '{"channel": ',
    })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('serves the renderer with the CSP header, and nothing outside its directory', async () => {
    const page = await send(host.port, { path: '/', headers: { Host: `127.0.0.1:${host.port}` } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval')
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const escape = await send(host.port, { path, headers: { Host: `127.0.0.1:${host.port}` } })
      expect(escape.status, path).toBe(404)
      expect(escape.body).not.toContain('outside the renderer')
    }
  })

  it('streams events to a client holding the token', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/events',
          headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${token}` },
        },
        (res) => {
          res.setEncoding('utf8')
          let text = ''
          res.on('data', (chunk: string) => {
            text += chunk
            if (text.includes(': connected')) services.settings.set({ language: 'en' })
            const data = /data: (.+)\n\n/.exec(text)
            if (data?.[1]) {
              req.destroy()
              resolve(data[1])
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(JSON.parse(await received)).toMatchObject({ name: 'settings.changed', payload: { language: 'en' } })
  })
})

describe('browser-mode host export downloads', () => {
  /** export.calls with the token, as the page sends it: the link and the cookies the answer sets. */
  async function exportLink(): Promise<{ url: string; cookies: string[] }> {
    const profile = services.profiles.save({
      name: 'export',
      baseUrl: 'http://127.0.0.1:9',
      appKey: 'key',
      appSecret: 'secret',
      companyId: 1,
    })
    services.profiles.activate(profile.id)
    const reply = await invoke(
      { Authorization: `Bearer ${token}` },
      { channel: 'export.calls', input: { format: 'csv', what: 'tasks', language: 'en' } },
    )
    const { value } = JSON.parse(reply.body) as { value: { outcome: string; url: string } }
    expect(value.outcome).toBe('download')
    return { url: value.url, cookies: (reply.headers['set-cookie'] as string[]).map((c) => c.split(';')[0]!) }
  }

  const own = () => ({ Host: `127.0.0.1:${host.port}` })

  it('streams the export as an attachment to a request carrying the export cookie, once', async () => {
    const { url, cookies } = await exportLink()
    expect(url).toMatch(/^\/export\/[A-Za-z0-9_-]{22}$/)
    const reply = await send(host.port, { path: url, headers: { ...own(), Cookie: cookies.join('; ') } })
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="calllens-tasks-\d{12}\.csv"$/)
    expect(reply.body).toBe('\uFEFFTask ID,Task,Status,Total,Done,Cached calls,Reviewed calls\r\n')
    const again = await send(host.port, { path: url, headers: { ...own(), Cookie: cookies.join('; ') } })
    expect(again.status).toBe(404)
  })

  it('refuses a download link without the token, from another origin or under another Host', async () => {
    const { url, cookies } = await exportLink()
    expect((await send(host.port, { path: url, headers: own() })).status).toBe(401)
    const withCookie = { ...own(), Cookie: cookies.join('; ') }
    expect((await send(host.port, { path: url, headers: { ...withCookie, Origin: 'http://evil.test' } })).status).toBe(
      401,
    )
    expect((await send(host.port, { path: url, headers: { ...withCookie, Host: 'evil.test' } })).status).toBe(421)
    // None of these spent the ticket.
    expect((await send(host.port, { path: url, headers: withCookie })).status).toBe(200)
  })
})

describe('browser-mode host whose backend is still loading', () => {
  let loadingHost: RunningHost
  let finishLoading: (backend: HostBackend) => void
  let failLoading: (error: Error) => void

  beforeEach(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'calllens-host-loading-'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CallLens</title>')
    const backend = new Promise<HostBackend>((resolve, reject) => {
      finishLoading = resolve
      failLoading = reject
    })
    backend.catch(() => undefined)
    loadingHost = await startHost({ backend, rendererDir, token })
  })

  afterEach(async () => {
    await loadingHost.close()
  })

  const ask = (authorization: string) =>
    send(loadingHost.port, {
      path: '/api/invoke',
      method: 'POST',
      headers: { Host: `127.0.0.1:${loadingHost.port}`, Authorization: authorization },
      body: JSON.stringify({ channel: 'app.info' }),
    })

  it('serves the page at once, and answers an api request when the backend has loaded', async () => {
    const page = await send(loadingHost.port, { path: '/', headers: { Host: `127.0.0.1:${loadingHost.port}` } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>CallLens</title>')
    const pending = ask(`Bearer ${token}`)
    finishLoading(createHostBackend({ routes, services }))
    const reply = await pending
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { mode: 'browser' } })
  })

  it('refuses a wrong token without waiting for the backend', async () => {
    const reply = await ask(`Bearer ${token}x`)
    expect(reply.status).toBe(401)
  })

  it('answers api requests with a typed internal error when the backend failed to load', async () => {
    failLoading(new Error('cache.db is not a database'))
    const reply = await ask(`Bearer ${token}`)
    expect(reply.status).toBe(500)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'internal' } })
  })
})

describe('browser-mode host that loads its backend when first needed', () => {
  let lazyHost: RunningHost
  let loads: number

  beforeEach(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'calllens-host-lazy-'))
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="/entry.js"></script>')
    writeFileSync(join(rendererDir, 'entry.js'), 'console.log("entry")')
    loads = 0
    const backend = async () => {
      loads++
      return createHostBackend({ routes, services })
    }
    lazyHost = await startHost({ backend, rendererDir, token })
  })

  afterEach(async () => {
    await lazyHost.close()
  })

  const get = (path: string) => send(lazyHost.port, { path, headers: { Host: `127.0.0.1:${lazyHost.port}` } })

  it('loads it once the page has a script to run, and only once', async () => {
    expect((await get('/')).status).toBe(200)
    expect(loads).toBe(0)
    expect((await get('/entry.js')).body).toContain('entry')
    await expect.poll(() => loads).toBe(1)
    await get('/entry.js')
    expect(loads).toBe(1)
  })

  it('loads it for an api request that comes first, and answers it', async () => {
    const reply = await send(lazyHost.port, {
      path: '/api/invoke',
      method: 'POST',
      headers: { Host: `127.0.0.1:${lazyHost.port}`, Authorization: `Bearer ${token}` },
      body: JSON.stringify({ channel: 'app.info' }),
    })
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { mode: 'browser' } })
    expect(loads).toBe(1)
  })
})
