// teamReports.*: the lead's view of a team profile — progress per reviewer and campaign, overdue
// leases, agreement per calibration session, the robot's tag accuracy over the team's checks, and
// the calls behind a row (one of which can be fetched into the local replica to open it). All of
// it is read on the server as the logged-in member; a member who is not a lead gets
// `team_not_lead`, an unreachable database `team_unreachable`.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { noInput } from './app'
import { channel } from './channel'
import { TEAM_ROLES, teamMemberSchema } from './team'

const count = lazySchema(() => z.number().int().min(0))
const campaignIdSchema = lazySchema(() => z.number().int().positive())
const callIdSchema = lazySchema(() => z.number().int().positive())

export const teamRoleViewSchema = lazySchema(() =>
  z.object({
    member: z.string(),
    /** The member's group role on the server; null when the login is in none. */
    role: z.enum(TEAM_ROLES).nullable(),
  }),
)
export type TeamRoleView = z.infer<typeof teamRoleViewSchema>

export const progressRowSchema = lazySchema(() =>
  z.object({
    member: z.string(),
    campaignId: z.number().nullable(),
    campaign: z.string().nullable(),
    open: count,
    overdue: count,
    done: count,
    expired: count,
    released: count,
    reviewed: count,
    offLease: count,
  }),
)
export type ProgressRowView = z.infer<typeof progressRowSchema>

export const overdueLeaseSchema = lazySchema(() =>
  z.object({
    assignmentId: z.number(),
    callId: z.number(),
    assignee: z.string(),
    campaignId: z.number().nullable(),
    claimedAt: z.string(),
    leaseUntil: z.string(),
    overdueSec: count,
  }),
)
export type OverdueLeaseView = z.infer<typeof overdueLeaseSchema>

export const teamTagAccuracySchema = lazySchema(() =>
  z.object({
    name: z.string(),
    checked: count,
    confirmed: count,
    corrected: count,
    missed: count,
    accuracy: z.number(),
    accuracyLow: z.number(),
    accuracyHigh: z.number(),
  }),
)
export type TeamTagAccuracy = z.infer<typeof teamTagAccuracySchema>

/** One measure's overall agreement (mean over the pairs of participants; Light's kappa). */
export const agreementFigureSchema = lazySchema(() =>
  z.object({
    items: count,
    percent: z.number().nullable(),
    kappa: z.number().nullable(),
  }),
)

export const sessionAgreementSchema = lazySchema(() =>
  z.object({
    id: z.number(),
    name: z.string(),
    campaignId: z.number().nullable(),
    dueAt: z.string(),
    revealedAt: z.string().nullable(),
    calls: count,
    participants: count,
    /** Null when no call was graded by two participants yet. */
    verdict: agreementFigureSchema.nullable(),
    tags: z.array(agreementFigureSchema.extend({ tagName: z.string() })),
  }),
)
export type SessionAgreement = z.infer<typeof sessionAgreementSchema>

export const campaignViewSchema = lazySchema(() => z.object({ id: z.number(), name: z.string() }))
export type CampaignView = z.infer<typeof campaignViewSchema>

/** The calls behind a row: a reviewer's (held or finished), or those whose tag was corrected. */
export const teamCallsInputSchema = lazySchema(() =>
  z.union([
    z.strictObject({ reviewer: teamMemberSchema, campaign: campaignIdSchema.optional() }),
    z.strictObject({ tagName: z.string().min(1).max(200), campaign: campaignIdSchema.optional() }),
  ]),
)
export type TeamCallsInput = z.infer<typeof teamCallsInputSchema>

export const TEAM_CALLS_LIMIT = 500

export const teamCallRowSchema = lazySchema(() =>
  z.object({
    callId: z.number(),
    taskName: z.string(),
    campaign: z.string().nullable(),
    /** Asia/Shanghai wall time, as the calls page shows it. */
    startTime: z.string().nullable(),
    durationSec: z.number().nullable(),
    /** Who holds or held it (reviewer rows) or who corrected the tag (tag rows). */
    reviewer: z.string(),
    /** The reviewer's latest normal assignment of it, if any. */
    state: z.enum(['open', 'done', 'released', 'expired']).nullable(),
    overdue: z.boolean(),
    verdict: z.enum(['pass', 'fail', 'follow_up']).nullable(),
    /** For tag rows: the robot's value, the check's status and the reviewer's value. */
    robotValue: z.string().nullable(),
    tagStatus: z.enum(['corrected', 'missed']).nullable(),
    correctedValue: z.string().nullable(),
  }),
)
export type TeamCallRow = z.infer<typeof teamCallRowSchema>

export const teamReportsChannels = {
  /** Who the member is on the server (the lead's page and nav entry show only for a lead). */
  'teamReports.role': channel(
    () => noInput,
    () => teamRoleViewSchema,
  ),
  'teamReports.progress': channel(
    () => noInput,
    () => z.array(progressRowSchema),
  ),
  'teamReports.overdue': channel(
    () => noInput,
    () => z.array(overdueLeaseSchema),
  ),
  /** Per result name over the team's normal reviews, of one campaign or all. */
  'teamReports.accuracy': channel(
    () => z.strictObject({ campaign: campaignIdSchema.optional() }).optional().default({}),
    () => z.array(teamTagAccuracySchema),
  ),
  'teamReports.sessions': channel(
    () => noInput,
    () => z.array(sessionAgreementSchema),
  ),
  'teamReports.campaigns': channel(
    () => noInput,
    () => z.array(campaignViewSchema),
  ),
  /** At most TEAM_CALLS_LIMIT rows, newest call first. */
  'teamReports.calls': channel(
    () => teamCallsInputSchema,
    () => z.array(teamCallRowSchema),
  ),
  /**
   * Copies one call the lead does not hold into the local replica (as a pull would) so the review
   * page opens it; it stays there while this connection is open.
   */
  'teamReports.openCall': channel(
    () => z.strictObject({ callId: callIdSchema }),
    () => z.object({ callId: z.number() }),
  ),
}
