// What the lead's page reads beside the server's report functions (team-reports.ts): the campaigns
// to pick from, the calibration sessions with their overall agreement, and the calls behind a
// reviewer's or a tag's row. All as the lead's own login role: RLS shows a lead the whole team.
import type { Client, ClientBase } from 'pg'
import {
  AppFailure,
  TEAM_CALLS_LIMIT,
  type CampaignView,
  type SessionAgreement,
  type TeamCallRow,
  type TeamCallsInput,
} from '../../shared/contract'
import { calibrationAgreement } from './team-calibration'

type Querier = Pick<ClientBase, 'query'>

/**
 * Refuses a member who is not a lead before anything is read: the report functions would refuse
 * too, but a plain SELECT would only show a reviewer less (RLS), which must not pass for the team.
 */
export async function requireLead(client: Querier): Promise<void> {
  const { rows } = await client.query<{ lead: boolean; member: string }>(
    "SELECT pg_has_role(current_user, 'lead', 'MEMBER') AS lead, current_user AS member",
  )
  if (!rows[0]?.lead) throw new AppFailure('team_not_lead', `${rows[0]?.member ?? 'This member'} is not a team lead`)
}

export async function listCampaigns(client: Querier): Promise<CampaignView[]> {
  const { rows } = await client.query<{ id: string; name: string }>('SELECT id, name FROM team.campaign ORDER BY name')
  return rows.map((r) => ({ id: Number(r.id), name: r.name }))
}

/** Every session, newest first, with the overall rows of team.calibration_agreement. */
export async function listSessions(client: Querier): Promise<SessionAgreement[]> {
  const { rows } = await client.query<{
    id: string
    name: string
    campaign_id: string | null
    due_at: Date
    revealed_at: Date | null
    calls: number
    participants: number
  }>(
    `SELECT s.id, s.name, s.campaign_id, s.due_at, s.revealed_at,
       (SELECT count(*)::int FROM team.calibration_item i WHERE i.session_id = s.id) AS calls,
       (SELECT count(*)::int FROM team.calibration_participant p WHERE p.session_id = s.id) AS participants
     FROM team.calibration_session s ORDER BY s.created_at DESC, s.id DESC`,
  )
  const sessions: SessionAgreement[] = []
  for (const s of rows) {
    const overall = (await calibrationAgreement(client as Client, Number(s.id))).filter(
      (r) => r.raterA === null && r.raterB === null,
    )
    const figure = (r: (typeof overall)[number]) => ({ items: r.items, percent: r.percent, kappa: r.kappa })
    const verdict = overall.find((r) => r.measure === 'verdict')
    sessions.push({
      id: Number(s.id),
      name: s.name,
      campaignId: s.campaign_id === null ? null : Number(s.campaign_id),
      dueAt: s.due_at.toISOString(),
      revealedAt: s.revealed_at?.toISOString() ?? null,
      calls: s.calls,
      participants: s.participants,
      verdict: verdict ? figure(verdict) : null,
      tags: overall
        .filter((r) => r.measure === 'tag' && r.tagName !== null)
        .map((r) => ({ tagName: r.tagName!, ...figure(r) })),
    })
  }
  return sessions
}

const CALL_FIELDS = `c.call_id, t.name AS task_name, cp.name AS campaign,
  to_char(c.start_time AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS start_time, c.duration_sec`
const CALL_JOINS = `JOIN team.task t ON t.call_job_id = c.call_job_id LEFT JOIN team.campaign cp ON cp.id = t.campaign_id`

/** The latest normal assignment of the call to `who`, and their normal review's verdict. */
const WORK_OF = (who: string) => `
  LEFT JOIN LATERAL (SELECT a.state, a.state = 'open' AND a.lease_until <= now() AS overdue FROM team.assignment a
     WHERE a.call_id = c.call_id AND a.assignee = ${who} AND a.kind = 'normal'
     ORDER BY a.claimed_at DESC, a.id DESC LIMIT 1) w ON true
  LEFT JOIN team.review r ON r.call_id = c.call_id AND r.author = ${who} AND r.session_id IS NULL`

interface CallRowDb {
  call_id: string
  task_name: string
  campaign: string | null
  start_time: string | null
  duration_sec: number | null
  reviewer: string
  state: TeamCallRow['state']
  overdue: boolean | null
  verdict: TeamCallRow['verdict']
  robot_value: string | null
  tag_status: TeamCallRow['tagStatus']
  corrected_value: string | null
}

/**
 * A reviewer's calls (those they hold or finished, and those they gave a normal review), or the
 * calls whose normal reviews corrected `tagName` (a correction or a missed tag), in a campaign or all.
 */
export async function listTeamCalls(client: Querier, input: TeamCallsInput): Promise<TeamCallRow[]> {
  const campaign = input.campaign ?? null
  const { rows } =
    'reviewer' in input
      ? await client.query<CallRowDb>(
          `SELECT ${CALL_FIELDS}, $1::text AS reviewer, w.state, w.overdue, r.verdict,
                  NULL AS robot_value, NULL AS tag_status, NULL AS corrected_value
             FROM team.call c ${CALL_JOINS} ${WORK_OF('$1::text')}
            WHERE (w.state IN ('open', 'done') OR r.id IS NOT NULL)
              AND ($2::bigint IS NULL OR t.campaign_id = $2)
            ORDER BY c.start_time DESC NULLS LAST, c.call_id DESC LIMIT ${TEAM_CALLS_LIMIT}`,
          [input.reviewer, campaign],
        )
      : await client.query<CallRowDb>(
          `SELECT ${CALL_FIELDS}, tr.author AS reviewer, w.state, w.overdue, tr.verdict,
                  tc.robot_value, tc.status AS tag_status, tc.corrected_value
             FROM team.tag_correction tc
             JOIN team.review tr ON tr.id = tc.review_id AND tr.session_id IS NULL
             JOIN team.call c ON c.call_id = tr.call_id ${CALL_JOINS}
             LEFT JOIN LATERAL (SELECT a.state, a.state = 'open' AND a.lease_until <= now() AS overdue
                 FROM team.assignment a WHERE a.call_id = c.call_id AND a.assignee = tr.author AND a.kind = 'normal'
                 ORDER BY a.claimed_at DESC, a.id DESC LIMIT 1) w ON true
            WHERE tc.name = $1 AND NOT tc.removed AND tc.status IN ('corrected', 'missed')
              AND ($2::bigint IS NULL OR t.campaign_id = $2)
            ORDER BY c.start_time DESC NULLS LAST, c.call_id DESC, tr.author LIMIT ${TEAM_CALLS_LIMIT}`,
          [input.tagName, campaign],
        )
  return rows.map((r) => ({
    callId: Number(r.call_id),
    taskName: r.task_name,
    campaign: r.campaign,
    startTime: r.start_time,
    durationSec: r.duration_sec,
    reviewer: r.reviewer,
    state: r.state ?? null,
    overdue: r.overdue ?? false,
    verdict: r.verdict ?? null,
    robotValue: r.robot_value,
    tagStatus: r.tag_status,
    correctedValue: r.corrected_value,
  }))
}
