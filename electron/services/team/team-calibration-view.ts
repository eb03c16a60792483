// The calibration pages' reads and writes, as the member on their own login: the sessions they
// may see, a session's calls and the grades the server shows them (row-level security decides:
// their own always, a peer's only after the reveal), and the server's refusals as clear codes.
import type pg from 'pg'
import {
  AppFailure,
  type CalibrationCall,
  type CalibrationGrade,
  type CalibrationGradeInput,
  type CalibrationSession,
  type CalibrationSummary,
} from '../../shared/contract'
import { calibrationAgreement, createCalibration, revealCalibration, submitCalibration } from './team-calibration'

type Db = Pick<pg.ClientBase, 'query'>

/** The server's refusal (SQLSTATE and its message) as a code the renderer translates. */
export function calibrationRefusal(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  // A reviewer may not even execute the lead's functions; a lead-only check inside says "is not a lead".
  if (code === '42501' && /is not a lead|permission denied for function (create|reveal)_calibration/.test(message)) {
    return new AppFailure('team_not_lead', message)
  }
  if (code === '42501' && /not a participant/.test(message))
    return new AppFailure('calibration_not_participant', message)
  if (code === '55000') return new AppFailure('calibration_revealed', message)
  if (code === '22023') return new AppFailure('invalid_input', message)
  return error
}

async function refusing<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action()
  } catch (error) {
    throw calibrationRefusal(error)
  }
}

async function isLead(db: Db): Promise<{ member: string; lead: boolean }> {
  const { rows } = await db.query<{ member: string; lead: boolean }>(
    "SELECT current_user AS member, pg_has_role(current_user, 'lead', 'MEMBER') AS lead",
  )
  return rows[0]!
}

const SUMMARY_SQL = `
  SELECT s.id, s.name, s.created_by, s.due_at, s.revealed_at,
         (SELECT count(*)::int FROM team.calibration_item i WHERE i.session_id = s.id) AS calls,
         (SELECT count(*)::int FROM team.review r
           WHERE r.session_id = s.id AND r.author = current_user AND r.verdict IS NOT NULL) AS own_grades,
         coalesce((SELECT array_agg(p.member ORDER BY p.member) FROM team.calibration_participant p
                    WHERE p.session_id = s.id), '{}') AS participants
    FROM team.calibration_session s`

interface SummaryRow {
  id: string
  name: string
  created_by: string
  due_at: Date
  revealed_at: Date | null
  calls: number
  own_grades: number
  participants: string[]
}

function summary(row: SummaryRow, member: string): CalibrationSummary {
  return {
    id: Number(row.id),
    name: row.name,
    createdBy: row.created_by,
    dueAt: row.due_at.toISOString(),
    revealedAt: row.revealed_at?.toISOString() ?? null,
    calls: row.calls,
    ownGrades: row.own_grades,
    participants: row.participants,
    participating: row.participants.includes(member),
  }
}

export async function listCalibrations(db: Db): Promise<{ lead: boolean; sessions: CalibrationSummary[] }> {
  const { member, lead } = await isLead(db)
  const { rows } = await db.query<SummaryRow>(`${SUMMARY_SQL} ORDER BY s.created_at DESC, s.id DESC`)
  return { lead, sessions: rows.map((row) => summary(row, member)) }
}

/** Every grade of the session this member may read, one per author and call. */
async function readGrades(db: Db, sessionId: number, ownOnly = false): Promise<CalibrationGrade[]> {
  const { rows } = await db.query(
    `SELECT r.call_id, r.author, r.verdict, r.score, r.note, r.updated_at,
            coalesce((SELECT jsonb_agg(jsonb_build_object('name', t.name, 'robotValue', t.robot_value,
                        'status', t.status, 'correctedValue', t.corrected_value) ORDER BY t.name)
                        FROM team.tag_correction t WHERE t.review_id = r.id AND NOT t.removed), '[]') AS tag_checks
       FROM team.review r WHERE r.session_id = $1 AND (NOT $2 OR r.author = current_user)
      ORDER BY r.call_id, r.author`,
    [sessionId, ownOnly],
  )
  return rows.map((r) => ({
    callId: Number(r.call_id),
    author: r.author,
    verdict: r.verdict,
    score: r.score,
    note: r.note,
    tagChecks: r.tag_checks,
    updatedAt: (r.updated_at as Date).toISOString(),
  }))
}

async function readCalls(db: Db, sessionId: number): Promise<CalibrationCall[]> {
  const { rows } = await db.query(
    `SELECT i.call_id, c.start_time, c.duration_sec,
            coalesce((SELECT jsonb_agg(jsonb_build_object('name', r.name, 'value', r.value, 'desc', r.description)
                        ORDER BY r.ord) FROM team.call_result r WHERE r.call_id = i.call_id), '[]') AS results
       FROM team.calibration_item i LEFT JOIN team.call c ON c.call_id = i.call_id
      WHERE i.session_id = $1 ORDER BY i.call_id`,
    [sessionId],
  )
  return rows.map((r) => ({
    callId: Number(r.call_id),
    startTime: r.start_time ? (r.start_time as Date).toISOString() : null,
    durationSec: r.duration_sec,
    results: r.results,
  }))
}

/**
 * One snapshot: a reveal landing between the reads could otherwise show "blind" beside a peer's
 * grade, or peers' grades without the agreement.
 */
export async function readCalibration(db: Db, sessionId: number): Promise<CalibrationSession> {
  await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    const session = await readSnapshot(db, sessionId)
    await db.query('COMMIT')
    return session
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

async function readSnapshot(db: Db, sessionId: number): Promise<CalibrationSession> {
  const { member, lead } = await isLead(db)
  const { rows } = await db.query<SummaryRow>(`${SUMMARY_SQL} WHERE s.id = $1`, [sessionId])
  // Row-level security hides a session the member takes no part in: to them it does not exist.
  if (!rows[0]) throw new AppFailure('not_found', `No calibration session ${sessionId} you take part in`)
  const session = summary(rows[0], member)
  const open = lead || session.revealedAt !== null
  return {
    session,
    member,
    lead,
    calls: await readCalls(db, sessionId),
    grades: await readGrades(db, sessionId),
    agreement: open ? await refusing(() => calibrationAgreement(db as pg.Client, sessionId)) : null,
  }
}

export async function submitGrade(
  db: Db,
  sessionId: number,
  callId: number,
  grade: CalibrationGradeInput,
): Promise<CalibrationGrade> {
  await refusing(() => submitCalibration(db as pg.Client, sessionId, callId, grade))
  const own = await readGrades(db, sessionId, true)
  return own.find((g) => g.callId === callId)!
}

export async function createSession(
  db: Db,
  input: { name: string; callIds: number[]; participants: string[]; due: string },
): Promise<{ sessionId: number }> {
  const sessionId = await refusing(() => createCalibration(db as pg.Client, { ...input, due: new Date(input.due) }))
  return { sessionId }
}

export async function revealSession(db: Db, sessionId: number): Promise<{ revealedAt: string }> {
  return { revealedAt: await refusing(() => revealCalibration(db as pg.Client, sessionId)) }
}
