import type { Routes } from './route-table'

export const teamRoutes: Routes<'team'> = {
  'team.saveProfile': async (input, { profiles, team }) => {
    // An edited active profile reconnects with its new address, member or password.
    if (input.id && profiles.list().activeId === input.id) await team.stop()
    return profiles.saveTeam(input)
  },
  'team.test': (input, { team }) => team.test(input),
  'team.status': (_input, { team }) => team.status(),
  'team.pull': (_input, { team }) => team.require().pull(),
  'team.claim': async (input, { team }) => {
    const connection = team.require()
    const claimed = await connection.claim(input.count, input.campaign)
    return { claimed, status: connection.status() }
  },
  'team.release': async (input, { team }) => {
    const connection = team.require()
    const released = await connection.release(input.callIds)
    return { released, status: connection.status() }
  },
}
