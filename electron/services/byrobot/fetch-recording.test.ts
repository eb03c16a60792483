import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { ByrobotClient, type ByrobotClientOptions } from './client'
import { startTestServer, type Handler, type TestServer } from '../../test-support/byrobot-test-server'
import { demoMp3s } from '../../test-support/demo-audio'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const dir = mkdtempSync(join(tmpdir(), 'calllens-fetch-recording-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const mp3 = demoMp3s()[0]!
const sha256 = createHash('sha256').update(mp3).digest('hex')
/** The recording in four parts, as a slow storage server sends it. */
const quarters = [0, 1, 2, 3].map((i) => mp3.subarray((i * mp3.length) >> 2, ((i + 1) * mp3.length) >> 2))
/** What the recordings directory holds (temp files included). */
const files = (): string[] => readdirSync(dir)

// The default reads, digests and writes the body in a peaks worker thread; a fetch given to the
// client (the network edge of other tests) reads it on this thread. Both behave the same.
describe.each([
  ['in a peaks worker (the default)', {}],
  ['through a fetch given to the client', { fetch: (input, init) => globalThis.fetch(input, init) }],
] as [string, Partial<ByrobotClientOptions>][])('ByrobotClient.fetchRecording %s', (_mode, edge) => {
  async function clientFor(handler: Handler, extra: Partial<ByrobotClientOptions> = {}) {
    server = await startTestServer(handler)
    const client = new ByrobotClient({
      baseUrl: 'http://api.invalid/openapi/v1',
      appKey: 'demo-key',
      appSecret: 'demo-secret',
      companyId: 7,
      retries: 2,
      retry: { minTimeoutMs: 1, maxTimeoutMs: 5 },
      ...edge,
      ...extra,
    })
    return { client, server }
  }

  it('answers with the body unread, saved whole by the caller, with no auth headers sent to storage', async () => {
    const { client, server } = await clientFor(() => ({ body: mp3, headers: { 'content-type': 'audio/mpeg' } }))
    const answer = await client.fetchRecording(`${server.origin}/RobotPhoneCommunicate/540.mp3?Signature=abc`)
    expect(answer).toMatchObject({ ok: true, status: 200, contentType: 'audio/mpeg' })
    const saved = await answer.body.save(join(dir, 'whole.mp3'))
    expect(saved).toMatchObject({ bytes: mp3.length, sha256 })
    expect(saved.durationMs).toBeGreaterThan(1000)
    expect(readFileSync(join(dir, 'whole.mp3')).equals(mp3)).toBe(true)
    const [request] = server.requests
    expect(request?.path).toBe('/RobotPhoneCommunicate/540.mp3')
    expect(request?.headers).not.toHaveProperty('appkey')
    expect(request?.headers).not.toHaveProperty('sign')
    expect(request?.headers).not.toHaveProperty('datetime')
  })

  it.each([
    'file:///etc/passwd',
    'ftp://example.com/a.wav',
    'javascript:alert(1)',
    'data:audio/wav;base64,AA',
    'not a url',
  ])('refuses %s without fetching anything', async (url) => {
    const { client, server } = await clientFor(() => ({ body: '' }))
    await expect(client.fetchRecording(url)).rejects.toMatchObject({ code: 'invalid_input' })
    expect(server.requests).toHaveLength(0)
  })

  it('retries a 503 and a 429 (after its Retry-After) from storage and then returns the recording', async () => {
    const { client, server } = await clientFor((_r, index) =>
      index === 0
        ? { status: 503, body: '' }
        : index === 1
          ? { status: 429, body: 'slow down', headers: { 'retry-after': '0' } }
          : { body: mp3 },
    )
    const answer = await client.fetchRecording(`${server.origin}/a.mp3`)
    expect((await answer.body.save(join(dir, 'retried.mp3'))).sha256).toBe(sha256)
    expect(server.requests).toHaveLength(3)
  })

  it('does not retry an expired or missing recording (403/404)', async () => {
    const { client, server } = await clientFor((request) => ({
      status: request.path === '/gone.wav' ? 404 : 403,
      body: '<Error><Code>AccessDenied</Code></Error>',
    }))
    await expect(client.fetchRecording(`${server.origin}/gone.wav`)).rejects.toMatchObject({ code: 'api_not_found' })
    await expect(client.fetchRecording(`${server.origin}/expired.wav?Expires=1`)).rejects.toMatchObject({
      code: 'api_forbidden',
      details: { endpoint: `GET recording ${server.origin.slice(7)}/expired.wav` },
    })
    expect(server.requests).toHaveLength(2)
  })

  it('reports storage that cannot be reached as a network failure with its code', async () => {
    const { client, server } = await clientFor(() => ({ body: '' }), { retries: 0 })
    const origin = server.origin
    await server.close()
    await expect(client.fetchRecording(`${origin}/a.mp3`)).rejects.toMatchObject({
      code: 'api_network',
      details: { reason: 'ECONNREFUSED' },
    })
  })

  it('times out waiting for the headers, but not while the body streams slowly', async () => {
    const { client, server } = await clientFor(
      (request) => (request.path === '/stalled.mp3' ? { hang: true } : { chunks: { parts: quarters, gapMs: 60 } }),
      { timeoutMs: 100, retries: 0 },
    )
    await expect(client.fetchRecording(`${server.origin}/stalled.mp3`)).rejects.toMatchObject({ code: 'api_timeout' })
    // 4 chunks 60 ms apart: the body takes ~300 ms, three times the timeout.
    const answer = await client.fetchRecording(`${server.origin}/slow.mp3`)
    expect((await answer.body.save(join(dir, 'slow.mp3'))).sha256).toBe(sha256)
  })

  it('fails a body cut off midway as a plain error, leaving no file behind', async () => {
    const { client, server } = await clientFor(() => ({
      headers: { 'content-length': String(mp3.length) },
      chunks: { parts: quarters.slice(0, 2), gapMs: 10, cutOff: true },
    }))
    const answer = await client.fetchRecording(`${server.origin}/cut.mp3`)
    const failing = answer.body.save(join(dir, 'cut.mp3'))
    await expect(failing).rejects.toThrow()
    await expect(failing).rejects.not.toMatchObject({ name: 'NotAudioError' })
    expect(files().filter((name) => name.startsWith('cut.mp3'))).toEqual([])
  })

  it("stops the body when the caller's signal aborts midway, leaving no file behind", async () => {
    const { client, server } = await clientFor(() => ({ chunks: { parts: quarters, gapMs: 200 } }))
    const controller = new AbortController()
    const answer = await client.fetchRecording(`${server.origin}/long.mp3`, controller.signal)
    const saving = answer.body.save(join(dir, 'long.mp3'))
    controller.abort()
    await expect(saving).rejects.toThrow()
    expect(files().filter((name) => name.startsWith('long.mp3'))).toEqual([])
  })

  it('cancels a request still waiting for its headers', async () => {
    const { client, server } = await clientFor(() => ({ hang: true }))
    const controller = new AbortController()
    const asking = client.fetchRecording(`${server.origin}/held.mp3`, controller.signal)
    await expect.poll(() => server.requests.length).toBe(1)
    controller.abort()
    await expect(asking).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('fails a body that is not audio with NotAudioError and writes nothing', async () => {
    const { client, server } = await clientFor(() => ({ body: '<html>502 Bad Gateway</html>' }))
    const answer = await client.fetchRecording(`${server.origin}/page.mp3`)
    await expect(answer.body.save(join(dir, 'page.mp3'))).rejects.toMatchObject({ name: 'NotAudioError' })
    expect(files().filter((name) => name.startsWith('page.mp3'))).toEqual([])
  })
})
