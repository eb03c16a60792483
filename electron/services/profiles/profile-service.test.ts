import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { maskAppKey, ProfileService } from './profile-service'
import { KeyFileSecretStore, SECRET_ENV } from './secret-store'

const SECRET = 'sk-TEST-SECRET-9f8e7d6c5b4a'

function setUp(env: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-profiles-'))
  const backend = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'profiles', projectName: 'calllens' })
  return { dataDir, service: new ProfileService(backend, new KeyFileSecretStore(dataDir, env), dataDir) }
}

const input = {
  name: '华东外呼',
  baseUrl: 'https://api.byrobot.cn/openapi/v1/',
  appKey: 'ak-1234567890',
  companyId: 42,
}

describe('ProfileService', () => {
  it('stores a profile, activates the first one, and shows it without its secret', () => {
    const { dataDir, service } = setUp()
    const view = service.save({ ...input, appSecret: SECRET })
    expect(view).toMatchObject({ name: '华东外呼', companyId: 42, secretConfigured: true, secretStorage: 'key-file' })
    expect(view.baseUrl).toBe('https://api.byrobot.cn/openapi/v1')
    expect(JSON.stringify(service.list())).not.toContain(SECRET)
    expect(JSON.stringify(service.list())).not.toContain('ak-1234567890')
    expect(service.list().activeId).toBe(view.id)
    expect(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).not.toContain(SECRET)
    expect(service.credentials(view.id).appSecret).toBe(SECRET)
  })

  it('keeps the secret in a key file readable by its owner only', () => {
    const { dataDir, service } = setUp()
    const view = service.save({ ...input, appSecret: SECRET })
    const file = join(dataDir, 'secrets', `${view.id}.key`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(dataDir, 'secrets')).mode & 0o777).toBe(0o700)
  })

  it('keeps the stored secret when a profile is edited without one', () => {
    const { service } = setUp()
    const view = service.save({ ...input, appSecret: SECRET })
    service.save({ ...input, id: view.id, name: '改名' })
    expect(service.credentials(view.id)).toMatchObject({ name: '改名', appSecret: SECRET })
  })

  it('refuses a new profile without a secret, and an unknown id', () => {
    const { service } = setUp()
    expect(() => service.save(input)).toThrow(/secret/)
    expect(() => service.save({ ...input, id: 'p-nope', appSecret: SECRET })).toThrow(/No connection profile/)
  })

  it('takes the secret from the environment when there is no key file (CLI)', () => {
    const { service } = setUp({ [SECRET_ENV]: 'from-env' })
    const view = service.save(input)
    expect(view.secretStorage).toBe('environment')
    expect(service.credentials(view.id).appSecret).toBe('from-env')
  })

  it('removes a profile with its secret and moves the active one', () => {
    const { dataDir, service } = setUp()
    const a = service.save({ ...input, appSecret: SECRET })
    const b = service.save({ ...input, name: 'B', appSecret: 'other' })
    expect(service.remove(a.id)).toMatchObject({ activeId: b.id })
    expect(readdirSync(join(dataDir, 'secrets'))).toEqual([`${b.id}.key`])
  })

  it('keeps the stored app key too when an edit leaves it out, and refuses a new profile without one', () => {
    const { service } = setUp()
    const view = service.save({ ...input, appSecret: SECRET })
    service.save({ id: view.id, name: input.name, baseUrl: 'https://other.example/openapi/v1', companyId: 7 })
    expect(service.credentials(view.id)).toMatchObject({
      appKey: 'ak-1234567890',
      appSecret: SECRET,
      baseUrl: 'https://other.example/openapi/v1',
      companyId: 7,
    })
    const { appKey: _appKey, ...withoutKey } = input
    expect(() => service.save({ ...withoutKey, appSecret: SECRET })).toThrow(/app key/)
  })

  it('removing a profile deletes its whole directory and its secret, and leaves the others alone', () => {
    const { dataDir, service } = setUp()
    const a = service.save({ ...input, appSecret: SECRET })
    const b = service.save({ ...input, name: 'B', appSecret: 'other' })
    for (const id of [a.id, b.id]) {
      mkdirSync(join(dataDir, 'profiles', id, 'recordings'), { recursive: true })
      writeFileSync(join(dataDir, 'profiles', id, 'recordings', '1.mp3'), 'audio')
    }
    service.remove(a.id)
    expect(existsSync(join(dataDir, 'profiles', a.id))).toBe(false)
    expect(existsSync(join(dataDir, 'profiles', b.id, 'recordings', '1.mp3'))).toBe(true)
    expect(() => service.credentials(a.id)).toThrow(/No connection profile/)
    expect(() => service.remove(a.id)).toThrow(/No connection profile/)
  })

  it('reports usage from what each profile directory holds: none yet, then its files’ bytes', () => {
    const { dataDir, service } = setUp()
    const view = service.save({ ...input, appSecret: SECRET })
    expect(service.usage()).toEqual([
      { id: view.id, lastSyncedAt: null, lastPulledAt: null, cachedCalls: 0, reviews: 0, diskBytes: 0 },
    ])
    mkdirSync(join(dataDir, 'profiles', view.id, 'recordings'), { recursive: true })
    writeFileSync(join(dataDir, 'profiles', view.id, 'recordings', '1.mp3'), Buffer.alloc(1234))
    writeFileSync(join(dataDir, 'profiles', view.id, 'note.txt'), 'abc')
    expect(service.usage()[0]).toMatchObject({ cachedCalls: 0, diskBytes: 1237 })
  })

  it('masks app keys', () => {
    expect(maskAppKey('ak-1234567890')).toBe('ak-•••••••890')
    expect(maskAppKey('abc')).toBe('•••')
  })

  it('keeps how the last sync ended across a restart, and forgets it for nobody else', () => {
    const { dataDir, service } = setUp()
    const first = service.save({ ...input, appSecret: SECRET })
    const second = service.save({ ...input, name: '华南外呼', appSecret: SECRET })
    const lastSync = {
      finishedAt: '2026-12-04T08:00:00.000Z',
      phase: 'failed' as const,
      errors: 3,
      failureCode: 'api_network' as const,
    }
    service.recordSync(first.id, lastSync)
    // Saving the profile again (an edit) keeps the record.
    service.save({ ...input, id: first.id, name: '华东外呼 2' })
    const reopened = new ProfileService(
      new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'profiles', projectName: 'calllens' }),
      new KeyFileSecretStore(dataDir, {}),
      dataDir,
    )
    const views = reopened.list().profiles
    expect(views.find((p) => p.id === first.id)?.lastSync).toEqual(lastSync)
    expect(views.find((p) => p.id === second.id)?.lastSync).toBeNull()
  })

  it('ignores the end of a sync of a profile removed meanwhile', () => {
    const { service } = setUp()
    const view = service.save({ ...input, appSecret: SECRET })
    service.remove(view.id)
    service.recordSync(view.id, { finishedAt: '2026-12-04T08:00:00.000Z', phase: 'done', errors: 0, failureCode: null })
    expect(service.list().profiles).toEqual([])
  })
})
