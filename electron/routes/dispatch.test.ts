import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { channels, type ChannelName } from '../shared/contract'
import { createServices } from '../services/create-services'
import type { Services } from '../services/services'
import { createConfBackend } from '../services/settings/conf-backend'
import { dispatch } from './dispatch'
import { routes } from './index'
import type { RouteTable } from './route-table'

/** For every channel: inputs it must accept and inputs it must refuse. */
const cases: { [N in ChannelName]: { good: unknown[]; bad: unknown[] } } = {
  'app.info': {
    good: [undefined, {}],
    bad: [null, 1, 'x', { extra: true }, []],
  },
  'settings.get': {
    good: [undefined, {}],
    bad: [null, { language: 'en' }, 'settings'],
  },
  'settings.set': {
    good: [
      {},
      { language: 'en' },
      { theme: 'dark' },
      { language: 'zh-CN', theme: 'system', keymap: { playPause: 'Space' } },
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
    ],
  },
}

let services: Services

beforeEach(() => {
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-dispatch-'))
  services = createServices({ mode: 'browser', dataDir, version: '0.0.0-test' }, createConfBackend(dataDir))
})

describe('dispatch', () => {
  it('has a validation case for every channel of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(channels).sort())
  })

  for (const [name, { good, bad }] of Object.entries(cases)) {
    for (const input of good) {
      it(`${name} accepts ${JSON.stringify(input)}`, async () => {
        const result = await dispatch(routes, services, name, input)
        expect(result.ok).toBe(true)
        if (result.ok) expect(channels[name as ChannelName].output.safeParse(result.value).success).toBe(true)
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
    expect(seen).toEqual([{ name: 'settings.changed', payload: { language: 'zh-CN', theme: 'dark', keymap: {} } }])
    expect(await dispatch(routes, services, 'settings.get', undefined)).toMatchObject({
      ok: true,
      value: { theme: 'dark' },
    })
  })
})
