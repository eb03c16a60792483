import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { channels, type ChannelName } from '../shared/contract'
import { createNodeServices } from '../services/create-node-services'
import type { Services } from '../services/services'
import { dispatch } from './dispatch'
import { routes } from './index'
import type { RouteTable } from './route-table'

/** For every channel: inputs it must accept and inputs it must refuse (before any handler runs). */
const filter = { taskId: 1, tags: [{ name: '客户意向等级', values: ['A级(较强)'] }], durationMin: 10, text: '价格' }
const review = {
  callInstanceId: 5,
  verdict: 'fail',
  score: 60,
  tags: ['话术问题'],
  text: '客户已明确拒绝，AI 仍继续推销。',
  comments: [
    { id: 'c1', atMs: 1200, endMs: null, lineIndex: 2, text: '这里应结束通话', createdAt: '2026-11-25T03:00:00Z' },
  ],
  tagChecks: [{ name: '客户意向等级', robotValue: 'A级(较强)', status: 'corrected', correctedValue: 'D级(很少)' }],
}
const cases: { [N in ChannelName]: { good: unknown[]; bad: unknown[] } } = {
  'app.info': { good: [undefined, {}], bad: [null, 1, 'x', { extra: true }, []] },
  'settings.get': { good: [undefined, {}], bad: [null, { language: 'en' }, 'settings'] },
  'settings.set': {
    good: [
      {},
      { language: 'en' },
      { theme: 'dark' },
      { language: 'zh-CN', theme: 'system', keymap: { playPause: 'Space' } },
      { updateFeedUrl: '' },
      { updateFeedUrl: 'https://updates.example.com/calllens/' },
    ],
    bad: [
      undefined,
      null,
      { language: 'fr' },
      { theme: 'blue' },
      { keymap: { playPause: 42 } },
      { keymap: { '': 'Space' } },
      { unknownSetting: true },
      { language: 'en'.repeat(1000) },
      { updateFeedUrl: 'file:///etc/passwd' },
      { updateFeedUrl: 'not a url' },
      { updateFeedUrl: `https://x.example/${'a'.repeat(600)}` },
    ],
  },
  'profiles.list': { good: [undefined], bad: [{ all: true }] },
  'profiles.save': {
    good: [{ name: 'A', baseUrl: 'http://127.0.0.1:1/openapi/v1', appKey: 'k', companyId: 1, appSecret: 's' }],
    bad: [
      {},
      { name: 'A', baseUrl: 'file:///etc/passwd', appKey: 'k', companyId: 1, appSecret: 's' },
      { name: 'A', baseUrl: 'javascript:alert(1)', appKey: 'k', companyId: 1, appSecret: 's' },
      { name: 'A', baseUrl: 'http://x', appKey: 'k', companyId: -1, appSecret: 's' },
      { name: '', baseUrl: 'http://x', appKey: 'k', companyId: 1, appSecret: 's' },
      { id: '../../etc', name: 'A', baseUrl: 'http://x', appKey: 'k', companyId: 1, appSecret: 's' },
    ],
  },
  'profiles.test': {
    good: [{ baseUrl: 'http://127.0.0.1:9/openapi/v1', appKey: 'k', companyId: 1, appSecret: 's' }],
    bad: [{ baseUrl: 'ftp://x', appKey: 'k', companyId: 1 }, { appKey: 'k' }],
  },
  'profiles.activate': { good: [{ id: 'p-1' }], bad: [{}, { id: '../x' }, { id: 'p-1', more: 1 }] },
  'profiles.remove': { good: [{ id: 'p-1' }], bad: [{ id: '' }, 'p-1'] },
  'profiles.usage': { good: [undefined, {}], bad: [{ id: 'p-1' }] },
  'profiles.connection': { good: [undefined, {}], bad: [{ url: 'http://x' }] },
  'demo.start': { good: [undefined], bad: [{ port: 1 }] },
  'sync.start': { good: [{}, { taskId: 3 }], bad: [{ taskId: -3 }, { taskId: 'all' }, { taskId: 1.5 }] },
  'sync.call': { good: [{ callInstanceId: 730001 }], bad: [{}, { callInstanceId: 0 }, { callInstanceId: '730001' }] },
  'sync.cancel': { good: [undefined], bad: [{ jobId: 'x' }] },
  'sync.status': { good: [undefined], bad: [7] },
  'tasks.list': {
    good: [undefined, {}, { name: '房产', status: 1, createDate: '2026-11-01', includeDeleted: true }],
    bad: [{ createDate: 'yesterday' }, { status: 'running' }, { sql: '1=1' }],
  },
  'tasks.get': { good: [{ taskId: 1 }], bad: [{}, { taskId: 0 }, { taskId: '1' }] },
  'tasks.notDialed': { good: [{ taskId: 1 }], bad: [{ taskId: null }] },
  'calls.query': {
    good: [{}, { filter, sort: { field: 'durationSec', direction: 'asc' }, page: { offset: 0, limit: 100 } }],
    bad: [
      { page: { offset: 0, limit: 100000 } },
      { sort: { field: 'secret', direction: 'asc' } },
      { filter: { durationMin: -1 } },
      { filter: { tags: [{ name: 'x' }] } },
      { filter: { text: 'x'.repeat(1000) } },
    ],
  },
  'calls.facets': { good: [{}, { filter }], bad: [{ filter: { verdicts: ['maybe'] } }] },
  'calls.neighbour': {
    good: [
      { callInstanceId: 5, direction: 'next' },
      { filter, sort: { field: 'updatedAt', direction: 'asc' }, callInstanceId: 5, direction: 'previous' },
    ],
    bad: [{ callInstanceId: 5 }, { callInstanceId: 5, direction: 'up' }, { callInstanceId: 0, direction: 'next' }],
  },
  'calls.progress': { good: [{}, { filter }], bad: [{ filter: { reviewState: 'half' } }] },
  'calls.get': {
    good: [{ callInstanceId: 5 }],
    bad: [{ callInstanceId: -5 }, { callInstanceId: '5; DROP TABLE calls' }],
  },
  'calls.open': {
    good: [{ callInstanceId: 5 }],
    bad: [{}, { callInstanceId: 0 }, { callInstanceId: '5' }, { callInstanceId: 5, kind: 'full' }],
  },
  'media.recording': {
    good: [{ callInstanceId: 5 }, { callInstanceId: 5, kind: 'customer' }],
    bad: [{ callInstanceId: 5, kind: '../../etc/passwd' }, { path: '/etc/passwd' }],
  },
  'reviews.get': { good: [{ callInstanceId: 5 }], bad: [{}] },
  'reviews.save': {
    good: [{ callInstanceId: 5 }, review, { ...review, stamp: { editor: 'tab-1', revision: 3 } }],
    bad: [
      { ...review, stamp: { editor: '../x', revision: 3 } },
      { ...review, stamp: { editor: 'tab-1', revision: 0 } },
      { ...review, verdict: 'maybe' },
      { ...review, score: 101 },
      { ...review, text: 'x'.repeat(30_000) },
      { ...review, comments: [{ ...review.comments[0], atMs: -1 }] },
      { ...review, tagChecks: [{ ...review.tagChecks[0], correctedValue: null }] },
    ],
  },
  'reviews.journal': {
    good: [{ draft: review, stamp: { editor: 'tab-1', revision: 1 } }],
    bad: [
      { draft: review },
      { draft: { ...review, text: 'x'.repeat(30_000) }, stamp: { editor: 'tab-1', revision: 1 } },
      { draft: review, stamp: { editor: 'tab-1', revision: 1.5 } },
      { draft: review, stamp: { editor: 'x'.repeat(65), revision: 1 } },
      { draft: review, stamp: { editor: 'tab-1', revision: 1 }, secret: 'x' },
    ],
  },
  'reviews.pending': { good: [undefined, {}], bad: [{ callInstanceId: 5 }, null, []] },
  'reviews.list': { good: [undefined, {}, { taskId: 1 }], bad: [{ taskId: 'all' }] },
  'reviews.categories': { good: [undefined, {}], bad: [null, { all: true }] },
  'reviews.setCategories': {
    good: [{ categories: [] }, { categories: ['话术问题', '识别错误'] }],
    bad: [{}, { categories: ['重复', '重复'] }, { categories: [''] }, { categories: ['x'.repeat(41)] }],
  },
  'export.calls': {
    good: [
      { format: 'csv' },
      { filter, format: 'xlsx' },
      { format: 'json', profileId: 'p-1' },
      { format: 'csv', what: 'queue', queueId: 3 },
    ],
    bad: [
      { format: 'pdf' },
      {},
      { format: 'json', profileId: '../p-1' },
      { format: 'csv', what: 'queue' },
      { format: 'csv', what: 'calls', queueId: 3 },
    ],
  },
  'queues.preview': {
    good: [
      { taskId: 1, dimensions: [{ kind: 'duration' }], sizing: { kind: 'perStratum', size: 2 }, seed: 7 },
      {
        taskId: 1,
        dimensions: [{ kind: 'result', name: '客户意向等级' }, { kind: 'hungUpBy' }],
        sizing: { kind: 'proportional', total: 50, min: 2 },
        seed: 0,
      },
    ],
    bad: [
      { taskId: 1, dimensions: [], sizing: { kind: 'perStratum', size: 2 }, seed: 7 },
      {
        taskId: 1,
        dimensions: [{ kind: 'duration' }, { kind: 'duration' }],
        sizing: { kind: 'perStratum', size: 2 },
        seed: 7,
      },
      { taskId: 1, dimensions: [{ kind: 'colour' }], sizing: { kind: 'perStratum', size: 2 }, seed: 7 },
      { taskId: 1, dimensions: [{ kind: 'duration' }], sizing: { kind: 'perStratum', size: 0 }, seed: 7 },
      { taskId: 1, dimensions: [{ kind: 'duration' }], sizing: { kind: 'perStratum', size: 2 }, seed: -1 },
    ],
  },
  'queues.create': {
    good: [
      {
        name: '抽检 1',
        plan: { taskId: 1, dimensions: [{ kind: 'finishStatus' }], sizing: { kind: 'perStratum', size: 1 }, seed: 1 },
      },
    ],
    bad: [
      {
        name: '  ',
        plan: { taskId: 1, dimensions: [{ kind: 'finishStatus' }], sizing: { kind: 'perStratum', size: 1 }, seed: 1 },
      },
      {},
    ],
  },
  'queues.list': { good: [undefined, {}], bad: [null, { all: true }] },
  'queues.remove': { good: [{ queueId: 1 }], bad: [{}, { queueId: 0 }, { queueId: '1' }] },
  'queues.neighbour': {
    good: [{ queueId: 1, callInstanceId: 5, direction: 'next' }],
    bad: [
      { queueId: 1, callInstanceId: 5, direction: 'up' },
      { queueId: 1, direction: 'next' },
    ],
  },
  'insights.report': { good: [undefined, {}, { taskId: 3 }], bad: [{ taskId: 0 }, { taskId: '3' }, { all: true }] },
  'team.saveProfile': {
    good: [{ name: 'Team', dbUrl: 'postgres://127.0.0.1:9/team', member: 'rita', password: 'pw' }],
    bad: [
      {},
      { name: 'Team', dbUrl: 'postgres://rita:pw@127.0.0.1:9/team', member: 'rita', password: 'pw' },
      { name: 'Team', dbUrl: 'http://127.0.0.1:9/team', member: 'rita', password: 'pw' },
      { name: 'Team', dbUrl: 'postgres://127.0.0.1:9/team', member: 'Robert"; DROP', password: 'pw' },
      { name: '', dbUrl: 'postgres://127.0.0.1:9/team', member: 'rita', password: 'pw' },
    ],
  },
  'team.test': {
    good: [{ dbUrl: 'postgres://127.0.0.1:9/team', member: 'rita', password: 'pw' }],
    bad: [{ dbUrl: 'postgres://127.0.0.1:9/team' }, { dbUrl: 'mysql://x/y', member: 'rita', password: 'pw' }],
  },
  'team.status': { good: [undefined, {}], bad: [{ profileId: 'p-1' }] },
  'team.pull': { good: [undefined, {}], bad: [{ all: true }] },
  'team.claim': {
    good: [{ count: 5 }, { count: 1, campaign: 2 }],
    bad: [{}, { count: 0 }, { count: 1001 }, { count: 5, campaign: 0 }, { count: 5, user: 'other' }],
  },
  'team.noteConflict': { good: [{ callInstanceId: 5 }], bad: [{}, { callInstanceId: 0 }, { callInstanceId: '5' }] },
  'team.restoreNote': {
    good: [{ callInstanceId: 5 }],
    bad: [{}, { callInstanceId: -1 }, { callInstanceId: 5, text: 'mine' }],
  },
  'team.dismissNoteConflict': { good: [{ callInstanceId: 5 }], bad: [{ callInstanceId: 1.5 }, null] },
  'team.release': {
    good: [{ callIds: [1, 2] }],
    bad: [{}, { callIds: [] }, { callIds: [0] }, { callIds: ['1; DROP'] }],
  },
  'teamReports.role': { good: [undefined, {}], bad: [{ member: 'lena' }, 'x'] },
  'teamReports.progress': { good: [undefined, {}], bad: [{ campaign: 1 }, null] },
  'teamReports.overdue': { good: [undefined, {}], bad: [{ all: true }, 3] },
  'teamReports.accuracy': {
    good: [undefined, {}, { campaign: 3 }],
    bad: [{ campaign: 0 }, { campaign: 'x' }, { campaign: 1, user: 'other' }],
  },
  'teamReports.sessions': { good: [undefined, {}], bad: [{ session: 1 }] },
  'teamReports.campaigns': { good: [undefined, {}], bad: [{ id: 1 }] },
  'teamReports.calls': {
    good: [
      { reviewer: 'ann' },
      { reviewer: 'ann', campaign: 2 },
      { tagName: '意向' },
      { tagName: '意向', campaign: 1 },
    ],
    bad: [
      {},
      { reviewer: 'Ann; DROP' },
      { tagName: '' },
      { reviewer: 'ann', tagName: '意向' },
      { reviewer: 'ann', campaign: 0 },
    ],
  },
  'teamReports.openCall': {
    good: [{ callId: 1000123 }],
    bad: [{}, { callId: 0 }, { callId: '1' }, { callId: 1, x: 1 }],
  },
  'calibration.list': { good: [undefined, {}], bad: [{ all: true }] },
  'calibration.get': { good: [{ sessionId: 7 }], bad: [{}, { sessionId: 0 }, { sessionId: '7' }] },
  'calibration.submit': {
    good: [
      { sessionId: 7, callInstanceId: 9, grade: { verdict: 'pass' } },
      {
        sessionId: 7,
        callInstanceId: 9,
        grade: {
          verdict: 'fail',
          score: 40,
          note: 'asked twice',
          tagChecks: [{ name: '意向', robotValue: 'A', status: 'corrected', correctedValue: 'B' }],
        },
      },
    ],
    bad: [
      { sessionId: 7, callInstanceId: 9, grade: {} },
      { sessionId: 7, callInstanceId: 9, grade: { verdict: 'maybe' } },
      { sessionId: 7, callInstanceId: 9, grade: { verdict: 'pass', score: 101 } },
      { sessionId: 7, callInstanceId: 9, grade: { verdict: 'pass', author: 'bob' } },
      {
        sessionId: 7,
        callInstanceId: 9,
        grade: {
          verdict: 'pass',
          tagChecks: [{ name: 'x', robotValue: 'A', status: 'corrected', correctedValue: null }],
        },
      },
    ],
  },
  'calibration.create': {
    good: [{ name: 'week 49', callIds: [1, 2], participants: ['alice', 'bob'], due: '2026-12-12T18:00:00Z' }],
    bad: [
      { name: '', callIds: [1], participants: ['alice', 'bob'], due: '2026-12-12T18:00:00Z' },
      { name: 'w', callIds: [], participants: ['alice', 'bob'], due: '2026-12-12T18:00:00Z' },
      { name: 'w', callIds: [1], participants: ['alice'], due: '2026-12-12T18:00:00Z' },
      { name: 'w', callIds: [1], participants: ['alice', 'Bob; DROP'], due: '2026-12-12T18:00:00Z' },
      { name: 'w', callIds: [1], participants: ['alice', 'bob'], due: 'next friday' },
    ],
  },
  'calibration.reveal': { good: [{ sessionId: 7 }], bad: [{}, { sessionId: -1 }] },
  'updates.status': { good: [undefined, {}], bad: [null, { force: true }] },
  'updates.check': { good: [undefined, {}], bad: [null, { url: 'http://x' }] },
}

let services: Services

beforeEach(() => {
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-dispatch-'))
  services = createNodeServices({ dataDir, version: '0.0.0-test', appRoot: join(import.meta.dirname, '../..') })
})

afterEach(async () => {
  services.sync.cancel()
  await services.sync.wait()
  await services.demo.stop()
  services.workspace.close()
})

describe('dispatch', () => {
  it('has a validation case for every channel of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(channels).sort())
  })

  for (const [name, { good, bad }] of Object.entries(cases)) {
    for (const input of good) {
      it(`${name} accepts ${JSON.stringify(input)?.slice(0, 60)}`, async () => {
        const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
        const result = await dispatch(routes, services, name, input)
        quiet.mockRestore()
        // Valid input reaches the handler; it may still fail for the state it finds (no profile yet).
        if (result.ok) expect(channels[name as ChannelName].output.safeParse(result.value).success).toBe(true)
        else expect(result.error.code).not.toBe('invalid_input')
      })
    }
    for (const input of bad) {
      it(`${name} refuses ${JSON.stringify(input)?.slice(0, 40)} with invalid_input`, async () => {
        const result = await dispatch(routes, services, name, input)
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
        if (!result.ok) expect(result.error.message).toContain(name)
      })
    }
  }

  it('refuses an unknown channel, including prototype keys, without running anything', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const result = await dispatch(routes, services, name, undefined)
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    }
  })

  it('turns a handler that throws into an internal error instead of crashing', async () => {
    const broken: RouteTable = {
      ...routes,
      'app.info': () => {
        throw new Error('disk on fire')
      },
    }
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const result = await dispatch(broken, services, 'app.info', undefined)
    quiet.mockRestore()
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    if (!result.ok) expect(result.error.message).toContain('disk on fire')
  })

  it('settings.set stores the patch and announces it on the event stream', async () => {
    const seen: unknown[] = []
    services.events.subscribe((event) => seen.push(event))
    const result = await dispatch(routes, services, 'settings.set', { theme: 'dark' })
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark', language: 'zh-CN' } })
    expect(seen).toEqual([
      {
        name: 'settings.changed',
        payload: {
          language: 'zh-CN',
          theme: 'dark',
          keymap: {},
          rewindOnResumeMs: 0,
          pauseWhileTyping: false,
          syncEveryMinutes: 0,
          updateFeedUrl: '',
        },
      },
    ])
    expect(await dispatch(routes, services, 'settings.get', undefined)).toMatchObject({
      ok: true,
      value: { theme: 'dark' },
    })
  })
})
