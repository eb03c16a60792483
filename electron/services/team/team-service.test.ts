// The team status never claims more than it knows, without any server: a team profile whose
// database does not answer is offline (after connecting), one whose password cannot be read says
// so, and a BYRobot profile has no team status at all.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeServices } from '../create-node-services'
import type { Services } from '../services'

let services: Services | null = null
afterEach(async () => {
  await services?.team.stop()
  services?.workspace.close()
  services = null
})

function start(): Services {
  const dataDir = mkdtempSync(join(tmpdir(), 'calllens-team-service-'))
  services = createNodeServices({
    dataDir,
    version: '0.0.0-test',
    appRoot: join(import.meta.dirname, '../../..'),
    env: {},
    team: { probeEveryMs: 50, connectTimeoutMs: 500 },
  })
  return services
}

/** A port nothing listens on (bound, then closed). */
async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function until<T>(read: () => T, check: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (let value = read(); ; value = read()) {
    if (check(value)) return value
    if (Date.now() > deadline) throw new Error(`not met in ${ms} ms: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('team status', () => {
  it('is none for a BYRobot profile and offline, with the reason, when the team database does not answer', async () => {
    const s = start()
    expect(s.team.status()).toMatchObject({ state: 'none', profileId: null })
    s.profiles.save({ name: 'robot', baseUrl: 'http://127.0.0.1:9', appKey: 'k', companyId: 1, appSecret: 's' })
    expect(s.team.status().state).toBe('none')
    const view = s.profiles.saveTeam({
      name: 'team',
      dbUrl: `postgres://127.0.0.1:${await deadPort()}/team`,
      member: 'rita',
      password: 'pw',
    })
    s.profiles.activate(view.id)
    expect(s.team.status()).toMatchObject({ state: 'connecting', profileId: view.id, lastPullAt: null })
    const offline = await until(
      () => s.team.status(),
      (status) => status.state === 'offline',
    )
    expect(offline).toMatchObject({ error: 'team_unreachable', lastPullAt: null })
    await expect(s.team.require().claim(1)).rejects.toMatchObject({ code: 'team_unreachable' })
    expect(JSON.stringify(offline)).not.toContain('pw')
  })

  it('is offline with secret_unavailable when the stored password cannot be read', () => {
    const s = start()
    const view = s.profiles.saveTeam({
      name: 'team',
      dbUrl: 'postgres://127.0.0.1:1/team',
      member: 'rita',
      password: 'pw',
    })
    rmSync(join(s.appInfo.dataDir, 'secrets', `${view.id}-team.key`))
    expect(s.team.status()).toMatchObject({ state: 'offline', profileId: view.id, error: 'secret_unavailable' })
  })
})
