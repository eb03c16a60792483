import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../shared/contract'
import { EventBus } from '../events/event-bus'
import { createConfBackend } from './conf-backend'
import { SettingsService } from './settings-service'

function serviceAt(dataDir: string): SettingsService {
  return new SettingsService(createConfBackend(dataDir), new EventBus())
}

describe('SettingsService', () => {
  it('starts from the defaults: Chinese, system theme', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calllens-settings-'))
    expect(serviceAt(dir).get()).toEqual(DEFAULT_SETTINGS)
    expect(DEFAULT_SETTINGS.language).toBe('zh-CN')
  })

  it('keeps a change across a new instance on the same directory (a restart)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calllens-settings-'))
    serviceAt(dir).set({ language: 'en', theme: 'dark' })
    expect(serviceAt(dir).get()).toEqual({
      language: 'en',
      theme: 'dark',
      keymap: {},
      rewindOnResumeMs: 0,
      pauseWhileTyping: false,
      syncEveryMinutes: 0,
      updateFeedUrl: '',
    })
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ language: 'en' })
  })

  it('falls back per key when the stored file holds a bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calllens-settings-'))
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ language: 'en', theme: 'purple', keymap: 7 }))
    expect(serviceAt(dir).get()).toEqual({
      language: 'en',
      theme: 'system',
      keymap: {},
      rewindOnResumeMs: 0,
      pauseWhileTyping: false,
      syncEveryMinutes: 0,
      updateFeedUrl: '',
    })
  })

  it('refuses a sync interval that is not a whole number of minutes within a day', () => {
    const service = serviceAt(mkdtempSync(join(tmpdir(), 'calllens-settings-')))
    expect(() => service.set({ syncEveryMinutes: -5 })).toThrow()
    expect(() => service.set({ syncEveryMinutes: 2.5 })).toThrow()
    expect(() => service.set({ syncEveryMinutes: 24 * 60 + 1 })).toThrow()
    expect(service.set({ syncEveryMinutes: 15 }).syncEveryMinutes).toBe(15)
  })

  it('takes an http(s) update feed URL or none, and refuses anything else', () => {
    const service = serviceAt(mkdtempSync(join(tmpdir(), 'calllens-settings-')))
    expect(service.get().updateFeedUrl).toBe('')
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'updates.example.com', ' ']) {
      expect(() => service.set({ updateFeedUrl: bad }), bad).toThrow()
    }
    expect(service.set({ updateFeedUrl: 'https://updates.example.com/calllens/' }).updateFeedUrl).toBe(
      'https://updates.example.com/calllens/',
    )
    expect(service.set({ updateFeedUrl: '' }).updateFeedUrl).toBe('')
  })

  it('starts with defaults when the stored file is not JSON at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calllens-settings-'))
    writeFileSync(join(dir, 'settings.json'), '{"language": "en",')
    expect(serviceAt(dir).get()).toEqual(DEFAULT_SETTINGS)
  })

  it('refuses an invalid patch and stores nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calllens-settings-'))
    const service = serviceAt(dir)
    expect(() => service.set({ language: 'fr' } as never)).toThrow()
    expect(serviceAt(dir).get()).toEqual(DEFAULT_SETTINGS)
  })
})
