// Team profiles in the profile store: the member password kept like the app secret (its own key,
// CALLLENS_DB_PASSWORD standing in for the key file in browser mode and the CLI), never in a view,
// and the two kinds of profile refusing each other's actions.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { ProfileService } from './profile-service'
import { DB_PASSWORD_ENV, KeyFileSecretStore, SECRET_ENV } from './secret-store'

const PASSWORD = 'team-PW-5a4b3c2d1e'
const team = { name: 'QA 团队', dbUrl: 'postgres://db.example:5432/team', member: 'rita' }

function setUp(env: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-team-profiles-'))
  const backend = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'profiles', projectName: 'calllens' })
  return { dataDir, service: new ProfileService(backend, new KeyFileSecretStore(dataDir, env), dataDir) }
}

describe('team profiles', () => {
  it('keep the member password under the profile’s own team key, out of every view and the profiles file', () => {
    const { dataDir, service } = setUp()
    const view = service.saveTeam({ ...team, password: PASSWORD })
    expect(view).toMatchObject({ team: { dbUrl: team.dbUrl, member: 'rita' }, secretStorage: 'key-file' })
    expect(JSON.stringify(service.list())).not.toContain(PASSWORD)
    expect(readFileSync(join(dataDir, 'profiles.json'), 'utf8')).not.toContain(PASSWORD)
    expect(service.teamLogin(view.id)).toEqual({ dbUrl: team.dbUrl, member: 'rita', password: PASSWORD })
    // Editing without a password keeps the stored one; a new profile without one is refused.
    service.saveTeam({ ...team, id: view.id, member: 'sam' })
    expect(service.teamLogin(view.id)).toMatchObject({ member: 'sam', password: PASSWORD })
    expect(() => service.saveTeam({ ...team, name: 'other' })).toThrow(/password is required/)
    // The stored password is not sent to another address without being typed again.
    const elsewhere = { ...team, id: view.id, dbUrl: 'postgres://attacker.example/team' }
    expect(() => service.saveTeam(elsewhere)).toThrow(/password again/)
    expect(service.teamLogin(view.id).dbUrl).toBe(team.dbUrl)
    service.remove(view.id)
    expect(existsSync(join(dataDir, 'secrets', `${view.id}-team.key`))).toBe(false)
  })

  it('take the password from CALLLENS_DB_PASSWORD without a key file, never from the app secret variable', () => {
    const { service: withDb } = setUp({ [DB_PASSWORD_ENV]: PASSWORD, [SECRET_ENV]: 'app-secret' })
    const view = withDb.saveTeam(team)
    expect(view.secretStorage).toBe('environment')
    expect(withDb.teamLogin(view.id).password).toBe(PASSWORD)
    const { service: appOnly } = setUp({ [SECRET_ENV]: 'app-secret' })
    expect(() => appOnly.saveTeam(team)).toThrow(/password is required/)
  })

  it('refuse BYRobot actions on a team profile and team actions on a BYRobot one', () => {
    const { service } = setUp()
    const teamView = service.saveTeam({ ...team, password: PASSWORD })
    const robot = service.save({
      name: 'robot',
      baseUrl: 'https://api.byrobot.cn/openapi/v1',
      appKey: 'ak-1',
      companyId: 1,
      appSecret: 's',
    })
    expect(() => service.credentials(teamView.id)).toThrow(expect.objectContaining({ code: 'team_profile_kind' }))
    expect(() => service.teamLogin(robot.id)).toThrow(expect.objectContaining({ code: 'team_profile_kind' }))
    expect(() => service.saveTeam({ ...team, id: robot.id })).toThrow(
      expect.objectContaining({ code: 'team_profile_kind' }),
    )
    expect(() =>
      service.save({ id: teamView.id, name: 'x', baseUrl: 'https://x', appKey: 'k', companyId: 1, appSecret: 's' }),
    ).toThrow(expect.objectContaining({ code: 'team_profile_kind' }))
  })
})
