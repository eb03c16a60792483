// The lead's views as a lead's own login role: team.progress, team.overdue_leases and
// team.tag_accuracy count across the team on the server; this module names the rows' fields.
import type { Client } from 'pg'

export interface ProgressRow {
  member: string
  campaignId: number | null
  campaign: string | null
  /** Open normal assignments still under lease. */
  open: number
  /** Open normal assignments whose lease ran out (nobody reclaimed them yet). */
  overdue: number
  done: number
  expired: number
  released: number
  /** Normal reviews with a verdict. */
  reviewed: number
  /** Of those, written while the author held no lease on the call. */
  offLease: number
}

export interface OverdueLease {
  assignmentId: number
  callId: number
  assignee: string
  campaignId: number | null
  claimedAt: string
  leaseUntil: string
  overdueSec: number
}

export interface TagAccuracyRow {
  name: string
  checked: number
  confirmed: number
  corrected: number
  missed: number
  /** confirmed / checked, with its 95 % Wilson interval (as the solo Insights page). */
  accuracy: number
  accuracyLow: number
  accuracyHigh: number
}

// bigint ids arrive as strings from pg; BYRobot's ids and our identities fit in a double.
const id = (value: string | null): number | null => (value === null ? null : Number(value))

export async function teamProgress(client: Client): Promise<ProgressRow[]> {
  const { rows } = await client.query('SELECT * FROM team.progress()')
  return rows.map((r) => ({
    member: r.member,
    campaignId: id(r.campaign_id),
    campaign: r.campaign,
    open: r.open,
    overdue: r.overdue,
    done: r.done,
    expired: r.expired,
    released: r.released,
    reviewed: r.reviewed,
    offLease: r.off_lease,
  }))
}

export async function overdueLeases(client: Client): Promise<OverdueLease[]> {
  const { rows } = await client.query('SELECT * FROM team.overdue_leases()')
  return rows.map((r) => ({
    assignmentId: Number(r.assignment_id),
    callId: Number(r.call_id),
    assignee: r.assignee,
    campaignId: id(r.campaign_id),
    claimedAt: (r.claimed_at as Date).toISOString(),
    leaseUntil: (r.lease_until as Date).toISOString(),
    overdueSec: r.overdue_sec,
  }))
}

/** Per result name, over the team's normal reviews in `campaign` (or every campaign). */
export async function tagAccuracy(client: Client, campaign?: number): Promise<TagAccuracyRow[]> {
  const { rows } = await client.query('SELECT * FROM team.tag_accuracy($1)', [campaign ?? null])
  return rows.map((r) => ({
    name: r.name,
    checked: r.checked,
    confirmed: r.confirmed,
    corrected: r.corrected,
    missed: r.missed,
    accuracy: r.accuracy,
    accuracyLow: r.accuracy_low,
    accuracyHigh: r.accuracy_high,
  }))
}
