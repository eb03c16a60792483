import { afterEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/contract'
import { ByrobotClient, type ByrobotClientOptions } from './client'
import { ByrobotError } from './errors'
import { NOT_DIALED_EXAMPLE, TASK_DETAIL_EXAMPLE, TASKS_EXAMPLE } from '../../test-support/api-doc-examples'
import { envelope, startTestServer, type Handler, type TestServer } from '../../test-support/byrobot-test-server'

const SECRET = 'SECRET-must-never-leak-7f3a'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function clientFor(handler: Handler, extra: Partial<ByrobotClientOptions> = {}) {
  server = await startTestServer(handler)
  const client = new ByrobotClient({
    baseUrl: server.baseUrl,
    appKey: 'demo-key',
    appSecret: SECRET,
    companyId: 7,
    retries: 2,
    retry: { minTimeoutMs: 1, maxTimeoutMs: 5 },
    ...extra,
  })
  return { client, server }
}

async function failureOf(work: Promise<unknown>): Promise<AppFailure> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppFailure)
  return error as AppFailure
}

/** Everything an error could carry into a log, an IPC message or a crash report. */
function everythingIn(error: AppFailure): string {
  return JSON.stringify({ ...error, message: error.message, stack: error.stack, details: error.details })
}

const listTasks = (client: ByrobotClient) => client.listTasks({ pageNum: 1, pageSize: 10 })

describe('ByrobotClient errors', () => {
  it.each([
    [401, 'api_bad_credentials'],
    [403, 'api_forbidden'],
    [404, 'api_not_found'],
    [412, 'api_bad_parameters'],
  ] as const)('maps envelope code %d (on HTTP 200) to %s and does not retry it', async (code, expected) => {
    const { client, server } = await clientFor(() => ({ body: envelope(null, code, '签名校验失败') }))
    const error = await failureOf(listTasks(client))
    expect(error).toBeInstanceOf(ByrobotError)
    expect(error.code).toBe(expected)
    expect(error.message).toContain('GET /task/getTasks')
    expect(error.details).toMatchObject({
      endpoint: 'GET /task/getTasks',
      envelopeCode: code,
      resultMsg: '签名校验失败',
    })
    expect(server.requests).toHaveLength(1)
  })

  it('maps envelope code 500 to api_server_error and retries it', async () => {
    const { client, server } = await clientFor(() => ({ body: envelope(null, 500, '未知错误') }))
    expect((await failureOf(listTasks(client))).code).toBe('api_server_error')
    expect(server.requests).toHaveLength(3)
  })

  it('maps an HTTP 502 proxy page to api_server_error with an excerpt, after retrying', async () => {
    const page = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(500)}</body></html>`
    const { client, server } = await clientFor(() => ({
      status: 502,
      body: page,
      headers: { 'content-type': 'text/html' },
    }))
    const error = await failureOf(listTasks(client))
    expect(error.code).toBe('api_server_error')
    expect(error.details).toMatchObject({ httpStatus: 502 })
    const excerpt = (error.details as { excerpt: string }).excerpt
    expect(excerpt.startsWith('<html><head><title>502 Bad Gateway')).toBe(true)
    expect(excerpt.length).toBeLessThanOrEqual(201)
    expect(server.requests).toHaveLength(3)
  })

  it('maps HTTP 429 to api_rate_limited with retryAfterMs from the header', async () => {
    const { client } = await clientFor(() => ({ status: 429, body: '', headers: { 'retry-after': '0.01' } }))
    const error = await failureOf(listTasks(client))
    expect(error.code).toBe('api_rate_limited')
    expect(error.details).toMatchObject({ retryAfterMs: 10 })
  })

  it('maps an HTTP 404 without an envelope (wrong base URL) to api_not_found, once', async () => {
    const { client, server } = await clientFor(() => ({ status: 404, body: 'Not Found' }))
    expect((await failureOf(listTasks(client))).code).toBe('api_not_found')
    expect(server.requests).toHaveLength(1)
  })

  it('maps a body that is not JSON to api_malformed_response with endpoint and excerpt', async () => {
    const { client } = await clientFor(() => ({ body: '<html>login required</html>' }))
    const error = await failureOf(listTasks(client))
    expect(error.code).toBe('api_malformed_response')
    expect(error.details).toMatchObject({ endpoint: 'GET /task/getTasks', excerpt: '<html>login required</html>' })
  })

  it("fails cleanly on the document's own invalid JSON examples (trailing commas, bare strings)", async () => {
    const bodies = [TASK_DETAIL_EXAMPLE, NOT_DIALED_EXAMPLE]
    const { client } = await clientFor((_request, index) => ({ body: bodies[index < 3 ? 0 : 1] }))
    expect((await failureOf(client.getTaskDetail(19))).code).toBe('api_malformed_response')
    const error = await failureOf(client.listNotDialed({ taskId: 21767, pageNum: 1, pageSize: 20 }))
    expect(error.code).toBe('api_malformed_response')
    expect(error.details).toMatchObject({ endpoint: 'POST /task/notDialedCustomerList' })
  })

  it('maps a schema mismatch (a row without its id, a list that is not a list) to api_malformed_response', async () => {
    const rows = JSON.parse(TASKS_EXAMPLE) as { data: { list: Record<string, unknown>[] } }
    delete rows.data.list[0]?.callJobId
    const bodies = [rows, envelope({ pageNum: 1, list: 'none' })]
    const { client } = await clientFor((_request, index) => ({ body: bodies[index < 3 ? 0 : 1] }))
    const missingId = await failureOf(listTasks(client))
    expect(missingId.code).toBe('api_malformed_response')
    expect((missingId.details as { reason: string }).reason).toContain('list.0.callJobId')
    expect((await failureOf(listTasks(client))).code).toBe('api_malformed_response')
  })

  it('retries a garbled body only twice (three attempts) even with more retries allowed', async () => {
    const { client, server } = await clientFor(() => ({ body: '{"code": 200, "data": {' }), { retries: 4 })
    expect((await failureOf(listTasks(client))).code).toBe('api_malformed_response')
    expect(server.requests).toHaveLength(3)
  })

  it('maps a server that never answers to api_timeout, after retrying', async () => {
    const { client, server } = await clientFor(() => ({ hang: true }), { timeoutMs: 100, retries: 1 })
    const error = await failureOf(listTasks(client))
    expect(error.code).toBe('api_timeout')
    expect(server.requests).toHaveLength(2)
  })

  it('maps a dropped connection to api_network, after retrying', async () => {
    const { client, server } = await clientFor(() => ({ destroy: true }))
    expect((await failureOf(listTasks(client))).code).toBe('api_network')
    expect(server.requests).toHaveLength(3)
  })

  it('maps a refused connection to api_network', async () => {
    const closed = await startTestServer(() => ({}))
    await closed.close()
    const client = new ByrobotClient({
      baseUrl: closed.baseUrl,
      appKey: 'k',
      appSecret: SECRET,
      companyId: 1,
      retries: 0,
    })
    const error = await failureOf(listTasks(client))
    expect(error.code).toBe('api_network')
    expect(error.details).toMatchObject({ reason: 'ECONNREFUSED' })
  })

  it('maps a detail answered with data: null to api_not_found', async () => {
    const { client } = await clientFor(() => ({ body: envelope(null) }))
    expect((await failureOf(client.getCallDetail(540))).code).toBe('api_not_found')
    expect((await failureOf(client.getTaskDetail(19))).code).toBe('api_not_found')
  })

  it('never lets the secret into any error, even when the server echoes it back', async () => {
    const { client, server } = await clientFor(
      (request) => {
        const kind = request.query.get('taskName')
        const echo = `echo ${SECRET}`
        if (kind === 'timeout') return { hang: true }
        if (kind === 'network') return { destroy: true }
        if (kind === 'malformed') return { body: `<pre>${echo}</pre>` }
        if (kind?.startsWith('http-')) return { status: Number(kind.slice(5)), body: echo }
        return { body: envelope(null, Number(kind), echo) }
      },
      { timeoutMs: 100, retries: 1 },
    )
    const kinds = ['401', '403', '404', '412', '500', '777', 'malformed', 'timeout', 'network']
    const failures = await Promise.all([
      ...kinds.map((taskName) => failureOf(client.listTasks({ taskName, pageNum: 1, pageSize: 1 }))),
      ...[429, 503, 401, 418].map((status) =>
        failureOf(client.listTasks({ taskName: `http-${status}`, pageNum: 1, pageSize: 1 })),
      ),
      failureOf(client.listTasks({ pageNum: 0, pageSize: 1 })),
    ])
    const cancelled = new AbortController()
    cancelled.abort()
    failures.push(await failureOf(client.listTasks({ pageNum: 1, pageSize: 1 }, { signal: cancelled.signal })))
    failures.push(await failureOf(client.fetchRecording('ftp://example.com/a.wav')))
    expect(new Set(failures.map((f) => f.code))).toEqual(
      new Set([
        'api_bad_credentials',
        'api_forbidden',
        'api_not_found',
        'api_bad_parameters',
        'api_server_error',
        'api_malformed_response',
        'api_timeout',
        'api_network',
        'api_rate_limited',
        'invalid_input',
        'cancelled',
      ]),
    )
    for (const failure of failures) expect(everythingIn(failure)).not.toContain(SECRET)
    // The echoes were there to leak: they arrive redacted, not dropped.
    expect(failures.some((f) => everythingIn(f).includes('[redacted]'))).toBe(true)
    // Nor is it ever sent: requests carry only the HMAC.
    expect(JSON.stringify(server.requests.map((r) => [r.path, r.headers, r.body, [...r.query]]))).not.toContain(SECRET)
    expect(JSON.stringify(client)).not.toContain(SECRET)
  })
})
