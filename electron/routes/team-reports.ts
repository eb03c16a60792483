// The lead's page: every report runs on the server as the logged-in member, after a lead check
// (team_not_lead otherwise); an unreachable database is team_unreachable, as for claims.
import type { PoolClient } from 'pg'
import { describeMember } from '../services/team/team-connection'
import { listCampaigns, listSessions, listTeamCalls, requireLead } from '../services/team/team-lead-view'
import { overdueLeases, tagAccuracy, teamProgress } from '../services/team/team-reports'
import type { Services } from '../services/services'
import type { Routes } from './route-table'

function asLead<T>(team: Services['team'], read: (client: PoolClient) => Promise<T>): Promise<T> {
  return team.require().withMember(async (client) => {
    await requireLead(client)
    return read(client)
  })
}

export const teamReportsRoutes: Routes<'teamReports'> = {
  'teamReports.role': async (_input, { team }) => {
    const { member, role } = await team.require().withMember((client) => describeMember(client))
    return { member, role }
  },
  'teamReports.progress': (_input, { team }) => asLead(team, (client) => teamProgress(client)),
  'teamReports.overdue': (_input, { team }) => asLead(team, (client) => overdueLeases(client)),
  'teamReports.accuracy': (input, { team }) => asLead(team, (client) => tagAccuracy(client, input.campaign)),
  'teamReports.sessions': (_input, { team }) => asLead(team, (client) => listSessions(client)),
  'teamReports.campaigns': (_input, { team }) => asLead(team, (client) => listCampaigns(client)),
  'teamReports.calls': (input, { team }) => asLead(team, (client) => listTeamCalls(client, input)),
  'teamReports.openCall': async (input, { team }) => {
    const connection = team.require()
    await connection.withMember((client) => requireLead(client))
    await connection.visit(input.callId)
    return { callId: input.callId }
  },
}
