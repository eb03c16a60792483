// Fuzz suite (fast-check): every route's input through dispatch, raw bodies through the
// browser-mode host, and mutations of the API document's example responses through the client.
// Nothing throws past its boundary: routes answer ok or a typed error (and never `internal`, which
// would mean a handler crashed on input its schema let through); the client parses a response or
// rejects it as a ByrobotError, never a TypeError.
import fc from 'fast-check'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { z } from 'zod'
import {
  AppFailure,
  callDetailSchema,
  callSummarySchema,
  channels,
  ERROR_CODES,
  notDialedCustomerSchema,
  taskDetailSchema,
  taskSchema,
  type ChannelName,
} from '../shared/contract'
import { createHostBackend } from '../host/host-backend'
import { startHost, type RunningHost } from '../host/http-host'
import { routes } from '../routes'
import { dispatch } from '../routes/dispatch'
import type { RouteTable } from '../routes/route-table'
import { ByrobotClient, ByrobotError } from '../services/byrobot'
import {
  CALL_DETAIL_EXAMPLE,
  DONE_CALLS_EXAMPLE,
  NOT_DIALED_EXAMPLE_FIXED,
  TASK_DETAIL_EXAMPLE_FIXED,
  TASKS_EXAMPLE,
} from '../test-support/api-doc-examples'
import { createNodeServices } from '../services/create-node-services'
import type { Services } from '../services/services'

const RUNS_PER_CHANNEL = 120
const HOST_RUNS = 150
const RUNS_PER_ENDPOINT = 300
const figures = { routeCases: 0, routesOk: 0, hostCases: 0, parserCases: 0, parsed: 0, rejected: 0 }

afterAll(() => {
  console.info(
    `fuzz: ${figures.routeCases} route inputs (${figures.routesOk} valid and answered ok), ${figures.hostCases} host bodies, ` +
      `${figures.parserCases} API responses (${figures.parsed} parsed, ${figures.rejected} rejected)`,
  )
})

/** Valid-looking inputs to mutate, per channel (a channel not listed starts from undefined and {}). */
const filter = { taskId: 20231, tags: [{ name: '客户意向等级', values: ['A级(较强)'] }], durationMin: 10, text: '价格' }
const SEEDS: Partial<Record<ChannelName, unknown[]>> = {
  'settings.set': [{ language: 'en', theme: 'dark', keymap: { playPause: 'Space' } }],
  'profiles.save': [{ name: 'A', baseUrl: 'http://127.0.0.1:9/openapi/v1', appKey: 'k', companyId: 1, appSecret: 's' }],
  'profiles.test': [{ baseUrl: 'http://127.0.0.1:9/openapi/v1', appKey: 'k', companyId: 1, appSecret: 's' }],
  'profiles.activate': [{ id: 'p-1' }],
  'profiles.remove': [{ id: 'p-1' }],
  'sync.start': [{ taskId: 20231 }],
  'sync.call': [{ callInstanceId: 730001 }],
  'tasks.list': [{ name: '房产', status: 1, createDate: '2026-11-01', includeDeleted: true }],
  'tasks.get': [{ taskId: 20231 }],
  'tasks.notDialed': [{ taskId: 20231 }],
  'calls.query': [{ filter, sort: { field: 'durationSec', direction: 'asc' }, page: { offset: 0, limit: 100 } }],
  'calls.facets': [{ filter }],
  'calls.neighbour': [
    { filter, sort: { field: 'chatRound', direction: 'asc' }, callInstanceId: 730001, direction: 'next' },
  ],
  'calls.progress': [{ filter }],
  'calls.get': [{ callInstanceId: 730001 }],
  'media.recording': [{ callInstanceId: 730001, kind: 'customer' }],
  'reviews.get': [{ callInstanceId: 730001 }],
  'reviews.save': [
    {
      callInstanceId: 730001,
      verdict: 'fail',
      score: 60,
      tags: ['话术问题'],
      text: '客户已明确拒绝',
      comments: [{ id: 'c1', atMs: 1200, endMs: null, lineIndex: 2, text: '结束', createdAt: '2026-11-25T03:00:00Z' }],
      tagChecks: [{ name: '客户意向等级', robotValue: 'A级(较强)', status: 'corrected', correctedValue: 'D级(很少)' }],
    },
  ],
  'reviews.journal': [
    {
      draft: { callInstanceId: 730001, verdict: 'pass', text: '客户已明确拒绝' },
      stamp: { editor: 'tab-1', revision: 4 },
    },
  ],
  'reviews.list': [{ taskId: 20231 }],
  'export.calls': [{ filter, format: 'json' }, { format: 'csv' }],
}

/** Keys a hostile caller likes. */
const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'then'))
const anything = fc.anything({ key, withBigInt: true, withDate: true, withMap: true, withSet: true, maxDepth: 3 })

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Every path (object keys and array indexes) inside a value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
}

const DELETE = Symbol('delete')

/** A deep copy of `value` with the thing at `path` replaced (or deleted). */
function replaceAt(value: unknown, path: (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next === DELETE ? undefined : next
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value]
    if (rest.length === 0 && next === DELETE) copy.splice(Number(head), 1)
    else copy[Number(head)] = replaceAt(copy[Number(head)], rest, next)
    return copy
  }
  const copy = { ...(value as Record<string, unknown>) }
  if (rest.length === 0 && next === DELETE) delete copy[head]
  else copy[head] = replaceAt(copy[head], rest, next)
  return copy
}

/** A seed with one of its values replaced by another value or another type, or removed. */
function mutationsOf<T>(seeds: readonly T[], values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.nat(), fc.oneof(values, fc.constant(DELETE)))
    .map(([seed, pick, next]) => {
      const paths = pathsOf(seed)
      return replaceAt(seed, paths[pick % paths.length]!, next)
    })
}

describe('every route, fuzzed through dispatch', () => {
  let services: Services
  let table: RouteTable

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'calllens-fuzz-'))
    services = createNodeServices({ dataDir, version: '0.0.0-fuzz', appRoot: join(import.meta.dirname, '../..') })
    // Real data behind the query routes: the demo, synced.
    expect(await dispatch(routes, services, 'demo.start', undefined)).toMatchObject({ ok: true })
    expect(await dispatch(routes, services, 'sync.start', {})).toMatchObject({ ok: true })
    expect(await services.sync.wait()).toMatchObject({ phase: 'done', errors: [] })
    // Valid input to these would reach the network or start a simulator: fuzz their validation only.
    const stub = () => {
      throw new AppFailure('invalid_input', 'not run while fuzzing')
    }
    table = { ...routes, 'demo.start': stub, 'profiles.test': stub, 'sync.start': stub, 'sync.call': stub }
  }, 90_000)

  afterAll(async () => {
    services.sync.cancel()
    await services.sync.wait()
    await services.demo.stop()
    services.workspace.close()
  })

  for (const name of Object.keys(channels) as ChannelName[]) {
    it(`${name} answers ok or a typed error for any input`, async () => {
      const seeds = SEEDS[name] ?? [undefined, {}]
      const input = fc.oneof(anything, fc.constantFrom(...seeds), mutationsOf(seeds, anything))
      const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        await fc.assert(
          fc.asyncProperty(input, async (value) => {
            figures.routeCases++
            const result = await dispatch(table, services, name, value)
            if (result.ok) {
              figures.routesOk++
              expect(channels[name].output.safeParse(result.value).success).toBe(true)
            } else {
              expect(ERROR_CODES).toContain(result.error.code)
              expect(result.error.code, result.error.message).not.toBe('internal')
              expect(typeof result.error.message).toBe('string')
            }
          }),
          { numRuns: RUNS_PER_CHANNEL, seed: 0x5eed },
        )
      } finally {
        quiet.mockRestore()
      }
      expect(Object.prototype).not.toHaveProperty('polluted')
      expect(({} as Record<string, unknown>)['toString']).toBe(Object.prototype.toString)
    })
  }

  it('answers any raw body on the browser-mode host with JSON, never a crash', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'calllens-fuzz-host-'))
    mkdirSync(join(dataDir, 'renderer'))
    writeFileSync(join(dataDir, 'renderer', 'index.html'), '<!doctype html>')
    const token = 'fuzz-token-0123456789'
    const host: RunningHost = await startHost({
      backend: createHostBackend({ routes: table, services }),
      rendererDir: join(dataDir, 'renderer'),
      token,
    })
    const post = (body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/api/invoke',
            method: 'POST',
            headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${token}` },
          },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => (text += chunk))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    const bodies = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.json(),
      fc
        .record({ channel: fc.oneof(fc.constantFrom(...Object.keys(channels)), fc.string()), input: fc.jsonValue() })
        .map((message) => JSON.stringify(message)),
    )
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          figures.hostCases++
          const reply = await post(body)
          expect([200, 400]).toContain(reply.status)
          const parsed = JSON.parse(reply.body) as { ok: boolean; error?: { code: string } }
          if (!parsed.ok) expect(ERROR_CODES).toContain(parsed.error!.code)
          if (!parsed.ok) expect(parsed.error!.code).not.toBe('internal')
        }),
        { numRuns: HOST_RUNS, seed: 0x5eed },
      )
    } finally {
      quiet.mockRestore()
      await host.close()
    }
  })
})

describe('the BYRobot response parsers, fuzzed with mutated document examples', () => {
  type Endpoint = {
    example: string
    call: (client: ByrobotClient) => Promise<unknown>
    check: (value: unknown) => boolean
  }
  const items = (schema: z.ZodType) => (value: unknown) =>
    (value as { items: unknown[] }).items.every((item) => schema.safeParse(item).success)
  const ENDPOINTS: Record<string, Endpoint> = {
    getTasks: {
      example: TASKS_EXAMPLE,
      call: (c) => c.listTasks({ pageNum: 1, pageSize: 10 }),
      check: items(taskSchema),
    },
    getTaskDetail: {
      example: TASK_DETAIL_EXAMPLE_FIXED,
      call: (c) => c.getTaskDetail(1),
      check: (v) => taskDetailSchema.safeParse(v).success,
    },
    queryDoneTaskPhones: {
      example: DONE_CALLS_EXAMPLE,
      call: (c) => c.listDoneCalls({ taskId: 1, pageNum: 1, pageSize: 10 }),
      check: items(callSummarySchema),
    },
    notDialed: {
      example: NOT_DIALED_EXAMPLE_FIXED,
      call: (c) => c.listNotDialed({ taskId: 1, pageNum: 1, pageSize: 10 }),
      check: items(notDialedCustomerSchema),
    },
    phoneLogInfo: {
      example: CALL_DETAIL_EXAMPLE,
      call: (c) => c.getCallDetail(1),
      check: (v) => callDetailSchema.safeParse(v).success,
    },
  }

  function clientAnswering(body: string): ByrobotClient {
    return new ByrobotClient({
      baseUrl: 'http://api.invalid/openapi/v1',
      appKey: 'fuzz-key',
      appSecret: 'fuzz-secret',
      companyId: 7,
      retries: 0,
      fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
    })
  }

  /** Runs one answer through the client: parsed into a valid domain value, or a ByrobotError. */
  async function outcome(endpoint: Endpoint, body: string): Promise<string> {
    figures.parserCases++
    try {
      const value = await endpoint.call(clientAnswering(body))
      expect(endpoint.check(value), `parsed value is a valid domain value for ${body.slice(0, 200)}`).toBe(true)
      figures.parsed++
      return 'ok'
    } catch (error) {
      expect(error, `${String(error)} for ${body.slice(0, 200)}`).toBeInstanceOf(ByrobotError)
      figures.rejected++
      return (error as ByrobotError).code
    }
  }

  for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
    it(`${name}: a mutated data value is parsed or rejected as malformed`, async () => {
      const valid = JSON.parse(endpoint.example) as { data: Json }
      expect(await outcome(endpoint, endpoint.example)).toBe('ok')
      const mutated = mutationsOf([valid.data], fc.jsonValue({ maxDepth: 2 })).map((data) =>
        JSON.stringify({ ...valid, data }),
      )
      await fc.assert(
        fc.asyncProperty(mutated, async (body) => {
          const code = await outcome(endpoint, body)
          // null data is how the API says "no such task/call"; everything else is parsed or malformed.
          expect(['ok', 'api_malformed_response', 'api_not_found']).toContain(code)
          if (code === 'api_not_found') expect((JSON.parse(body) as { data: unknown }).data ?? null).toBeNull()
        }),
        { numRuns: RUNS_PER_ENDPOINT, seed: 0xa91 },
      )
    })

    it(`${name}: a cut, spliced or garbled body is rejected as malformed`, async () => {
      const text = endpoint.example
      const dataAt = text.indexOf('"data"')
      const garbled = fc.oneof(
        fc.nat({ max: text.length - 2 }).map((at) => text.slice(0, at)),
        fc
          .tuple(fc.integer({ min: dataAt, max: text.length - 2 }), fc.string({ unit: 'binary', minLength: 1 }))
          .map(([at, junk]) => text.slice(0, at) + junk + text.slice(at)),
        fc
          .tuple(fc.integer({ min: dataAt, max: text.length - 2 }), fc.constantFrom('{', '}', '[', ']', '"', ',', ':'))
          .map(([at, char]) => text.slice(0, at) + char + text.slice(at + 1)),
      )
      await fc.assert(
        fc.asyncProperty(garbled, async (body) => {
          const code = await outcome(endpoint, body)
          // A splice can leave valid JSON (whitespace, a longer string): then it must parse whole.
          expect(['ok', 'api_malformed_response', 'api_not_found']).toContain(code)
        }),
        { numRuns: RUNS_PER_ENDPOINT, seed: 0xa92 },
      )
    })
  }

  it('ran the planned number of cases', () => {
    const endpoints = Object.keys(ENDPOINTS).length
    expect(figures.parserCases).toBe(endpoints * (2 * RUNS_PER_ENDPOINT + 1))
  })
})
