import { afterEach, describe, expect, it } from 'vitest'
import { ByrobotClient, type ByrobotClientOptions } from './client'
import { startTestServer, type Handler, type TestServer } from '../../test-support/byrobot-test-server'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function clientFor(handler: Handler, extra: Partial<ByrobotClientOptions> = {}) {
  server = await startTestServer(handler)
  const client = new ByrobotClient({
    baseUrl: 'http://api.invalid/openapi/v1',
    appKey: 'demo-key',
    appSecret: 'demo-secret',
    companyId: 7,
    retries: 2,
    retry: { minTimeoutMs: 1, maxTimeoutMs: 5 },
    ...extra,
  })
  return { client, server }
}

describe('ByrobotClient.fetchRecording', () => {
  it('returns the response for the caller to stream, with no auth headers sent to storage', async () => {
    const { client, server } = await clientFor(() => ({
      body: 'RIFF....WAVE',
      headers: { 'content-type': 'audio/wav' },
    }))
    const response = await client.fetchRecording(`${server.origin}/RobotPhoneCommunicate/540.wav?Signature=abc`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('RIFF....WAVE')
    const [request] = server.requests
    expect(request?.path).toBe('/RobotPhoneCommunicate/540.wav')
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

  it('retries a 503 from storage and then returns the recording', async () => {
    const { client, server } = await clientFor((_r, index) =>
      index === 0 ? { status: 503, body: '' } : { body: 'AUDIO' },
    )
    const response = await client.fetchRecording(`${server.origin}/a.mp3`)
    expect(await response.text()).toBe('AUDIO')
    expect(server.requests).toHaveLength(2)
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

  it('times out waiting for the headers, but not while the body streams slowly', async () => {
    const { client, server } = await clientFor(
      (request) =>
        request.path === '/stalled.wav' ? { hang: true } : { chunks: { parts: ['a', 'b', 'c', 'd'], gapMs: 60 } },
      { timeoutMs: 100, retries: 0 },
    )
    await expect(client.fetchRecording(`${server.origin}/stalled.wav`)).rejects.toMatchObject({ code: 'api_timeout' })
    // 4 chunks 60 ms apart: the body takes ~300 ms, three times the timeout.
    const response = await client.fetchRecording(`${server.origin}/slow.wav`)
    expect(await response.text()).toBe('abcd')
  })

  it("aborts the body stream when the caller's signal aborts after the headers", async () => {
    const { client, server } = await clientFor(() => ({ chunks: { parts: ['a', 'b', 'c'], gapMs: 200 } }))
    const controller = new AbortController()
    const response = await client.fetchRecording(`${server.origin}/long.wav`, controller.signal)
    controller.abort()
    await expect(response.text()).rejects.toThrow()
  })
})
