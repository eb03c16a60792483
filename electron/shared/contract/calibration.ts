// calibration.*: blind calibration sessions of a team profile, read and written as the member on
// the team database (its row-level security decides whose grades show; the client never filters).
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { noInput } from './app'
import { channel } from './channel'
import { tagCheckSchema, verdictSchema, REVIEW_TEXT_MAX } from './reviews'
import { teamMemberSchema } from './team'

const sessionIdSchema = lazySchema(() => z.number().int().positive())
const callIdSchema = lazySchema(() => z.number().int().positive())

/** What a participant sends for one call: the whole grade, replacing their previous one. */
export const calibrationGradeInputSchema = lazySchema(() =>
  z.strictObject({
    verdict: verdictSchema,
    score: z.number().min(0).max(100).nullable().default(null),
    note: z.string().max(REVIEW_TEXT_MAX).default(''),
    tagChecks: z
      .array(tagCheckSchema)
      .max(200)
      .refine((checks) => new Set(checks.map((c) => c.name)).size === checks.length, {
        message: 'a tag is checked at most once per grade',
      })
      .default([]),
  }),
)
export type CalibrationGradeInput = z.input<typeof calibrationGradeInputSchema>

export const calibrationSummarySchema = lazySchema(() =>
  z.object({
    id: sessionIdSchema,
    name: z.string(),
    createdBy: z.string(),
    dueAt: z.string(),
    revealedAt: z.string().nullable(),
    calls: z.number().int().min(0),
    /** Calls the member has graded in this session. */
    ownGrades: z.number().int().min(0),
    /** The participants the member may see: all of them for a lead, only themselves otherwise. */
    participants: z.array(z.string()),
    /** The member grades in this session (a lead may run sessions without taking part). */
    participating: z.boolean(),
  }),
)
export type CalibrationSummary = z.infer<typeof calibrationSummarySchema>

export const calibrationGradeSchema = lazySchema(() =>
  z.object({
    callId: callIdSchema,
    author: z.string(),
    verdict: verdictSchema.nullable(),
    score: z.number().nullable(),
    note: z.string(),
    tagChecks: z.array(
      z.object({
        name: z.string(),
        robotValue: z.string(),
        status: z.enum(['confirmed', 'corrected', 'missed']),
        correctedValue: z.string().nullable(),
      }),
    ),
    updatedAt: z.string(),
  }),
)
export type CalibrationGrade = z.infer<typeof calibrationGradeSchema>

export const calibrationCallSchema = lazySchema(() =>
  z.object({
    callId: callIdSchema,
    startTime: z.string().nullable(),
    durationSec: z.number().nullable(),
    /** The robot's result tags, in the call's order. */
    results: z.array(z.object({ name: z.string(), value: z.string(), desc: z.string().nullable() })),
  }),
)
export type CalibrationCall = z.infer<typeof calibrationCallSchema>

export const agreementRowSchema = lazySchema(() =>
  z.object({
    measure: z.enum(['verdict', 'tag']),
    tagName: z.string().nullable(),
    raterA: z.string().nullable(),
    raterB: z.string().nullable(),
    items: z.number().int(),
    agreeing: z.number().nullable(),
    percent: z.number().nullable(),
    kappa: z.number().nullable(),
  }),
)
export type AgreementRowView = z.infer<typeof agreementRowSchema>

export const calibrationSessionSchema = lazySchema(() =>
  z.object({
    session: calibrationSummarySchema,
    member: z.string(),
    lead: z.boolean(),
    calls: z.array(calibrationCallSchema),
    /** Every grade the server shows this member: their own always, peers' once revealed (a lead: all). */
    grades: z.array(calibrationGradeSchema),
    /** The server's agreement rows; null while the member may not see them (a participant before reveal). */
    agreement: z.array(agreementRowSchema).nullable(),
  }),
)
export type CalibrationSession = z.infer<typeof calibrationSessionSchema>

export const calibrationChannels = {
  /** The member's sessions (a lead's: all of the team's), newest first. */
  'calibration.list': channel(
    () => noInput,
    () => z.object({ lead: z.boolean(), sessions: z.array(calibrationSummarySchema) }),
  ),
  'calibration.get': channel(
    () => z.strictObject({ sessionId: sessionIdSchema }),
    () => calibrationSessionSchema,
  ),
  /** Replaces the member's grade of one call; refused once the session is revealed. */
  'calibration.submit': channel(
    () =>
      z.strictObject({ sessionId: sessionIdSchema, callInstanceId: callIdSchema, grade: calibrationGradeInputSchema }),
    () => calibrationGradeSchema,
  ),
  /** A lead opens a session: its calls, 2–100 participants, a due time in the future. */
  'calibration.create': channel(
    () =>
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        callIds: z.array(callIdSchema).min(1).max(1000),
        participants: z.array(teamMemberSchema).min(2).max(100),
        due: z.iso.datetime({ offset: true }),
      }),
    () => z.object({ sessionId: sessionIdSchema }),
  ),
  /** A lead ends the blind phase: every grade frozen and shown to all participants. */
  'calibration.reveal': channel(
    () => z.strictObject({ sessionId: sessionIdSchema }),
    () => z.object({ revealedAt: z.string() }),
  ),
}
