// Blind calibration as a member's own login role: the server's create_calibration,
// submit_calibration, reveal_calibration and calibration_agreement decide who may do what and
// keep grades hidden until reveal; this module validates input first and names the rows' fields.
import type { Client } from 'pg'
import { z } from 'zod'
import { lazySchema } from '../../shared/contract/lazy-schema'
import { REVIEW_TEXT_MAX, tagCheckSchema, verdictSchema } from '../../shared/contract/reviews'

/** A participant's whole grade of one call; what it leaves out is cleared. */
export const calibrationGradeSchema = lazySchema(() =>
  z.strictObject({
    verdict: verdictSchema,
    score: z.number().min(0).max(100).nullable().optional(),
    note: z.string().max(REVIEW_TEXT_MAX).optional(),
    tagChecks: z
      .array(tagCheckSchema)
      .max(200)
      .refine((checks) => new Set(checks.map((c) => c.name)).size === checks.length, {
        message: 'a tag is checked at most once per grade',
      })
      .optional(),
  }),
)
export type CalibrationGrade = z.infer<typeof calibrationGradeSchema>

export const newCalibrationSchema = lazySchema(() =>
  z.strictObject({
    name: z.string().trim().min(1).max(200),
    callIds: z.array(z.number().int().positive()).min(1).max(1000),
    participants: z.array(z.string().min(1).max(63)).min(2).max(100),
    due: z.date(),
  }),
)
export type NewCalibration = z.infer<typeof newCalibrationSchema>

export interface AgreementRow {
  measure: 'verdict' | 'tag'
  /** The result name for a 'tag' row; null for verdicts. */
  tagName: string | null
  /** Both null on the overall row of a measure. */
  raterA: string | null
  raterB: string | null
  items: number
  agreeing: number | null
  percent: number | null
  kappa: number | null
}

/** A lead opens a session; returns its id. */
export async function createCalibration(client: Client, input: NewCalibration): Promise<number> {
  const session = newCalibrationSchema.parse(input)
  const { rows } = await client.query<{ id: string }>(
    'SELECT team.create_calibration($1, $2::bigint[], $3::text[], $4) AS id',
    [session.name, session.callIds, session.participants, session.due],
  )
  return Number(rows[0]!.id)
}

export async function submitCalibration(
  client: Client,
  session: number,
  callId: number,
  grade: CalibrationGrade,
): Promise<void> {
  const valid = calibrationGradeSchema.parse(grade)
  await client.query('SELECT team.submit_calibration($1, $2, $3::jsonb)', [session, callId, JSON.stringify(valid)])
}

/** Ends the blind phase; returns when the session was revealed (the first time, if again). */
export async function revealCalibration(client: Client, session: number): Promise<string> {
  const { rows } = await client.query<{ at: Date }>('SELECT team.reveal_calibration($1) AS at', [session])
  return rows[0]!.at.toISOString()
}

export async function calibrationAgreement(client: Client, session: number): Promise<AgreementRow[]> {
  const { rows } = await client.query<{
    measure: 'verdict' | 'tag'
    tag_name: string | null
    rater_a: string | null
    rater_b: string | null
    items: number
    agreeing: number | null
    percent: number | null
    kappa: number | null
  }>('SELECT * FROM team.calibration_agreement($1)', [session])
  return rows.map((r) => ({
    measure: r.measure,
    tagName: r.tag_name,
    raterA: r.rater_a,
    raterB: r.rater_b,
    items: r.items,
    agreeing: r.agreeing,
    percent: r.percent,
    kappa: r.kappa,
  }))
}

export interface StoredGrade {
  session: number
  callId: number
  author: string
  verdict: string | null
  score: number | null
  note: string
  tagChecks: { name: string; robotValue: string; status: string; correctedValue: string | null }[]
  frozenAt: string | null
  updatedAt: string
}

/** The caller's own grade of a call as the server stores it (RLS shows them their own). */
export async function ownGrade(client: Client, session: number, callId: number): Promise<StoredGrade | null> {
  const { rows } = await client.query(
    `SELECT r.author, r.verdict, r.score, r.note, r.frozen_at, r.updated_at,
            coalesce((SELECT jsonb_agg(jsonb_build_object('name', t.name, 'robotValue', t.robot_value,
                        'status', t.status, 'correctedValue', t.corrected_value) ORDER BY t.name)
                        FROM team.tag_correction t WHERE t.review_id = r.id AND NOT t.removed), '[]') AS tag_checks
       FROM team.review r WHERE r.session_id = $1 AND r.call_id = $2 AND r.author = current_user`,
    [session, callId],
  )
  const r = rows[0]
  if (!r) return null
  return {
    session,
    callId,
    author: r.author,
    verdict: r.verdict,
    score: r.score,
    note: r.note,
    tagChecks: r.tag_checks,
    frozenAt: r.frozen_at ? (r.frozen_at as Date).toISOString() : null,
    updatedAt: (r.updated_at as Date).toISOString(),
  }
}
