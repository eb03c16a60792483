import { AppFailure } from '../shared/contract'
import type { Services } from '../services/services'
import type { Routes } from './route-table'

/** The active team profile's review sync (its connection started if it was not yet). */
function reviewSync({ team, teamReviews, profiles }: Services) {
  team.require()
  const sync = teamReviews.current(profiles.list().activeId)
  if (!sync) throw new AppFailure('team_profile_kind', 'Team review sync is not running for the active profile')
  return sync
}

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
  'team.noteConflict': ({ callInstanceId }, services) => {
    // A BYRobot profile has no other devices: nothing is ever offered back.
    if (!services.team.connection()) return null
    return (
      reviewSync(services)
        .noteConflicts()
        .find((conflict) => conflict.callInstanceId === callInstanceId) ?? null
    )
  },
  'team.restoreNote': ({ callInstanceId }, services) => reviewSync(services).restoreNote(callInstanceId),
  'team.dismissNoteConflict': ({ callInstanceId }, services) => ({
    dismissed: reviewSync(services).dismissNoteConflict(callInstanceId),
  }),
  'team.release': async (input, { team }) => {
    const connection = team.require()
    const released = await connection.release(input.callIds)
    return { released, status: connection.status() }
  },
}
