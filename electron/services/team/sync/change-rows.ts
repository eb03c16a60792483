// A pulled change row (the entity's whole state on the server, with its per-field clocks) as the
// field writes merge.ts applies. The row is the table row as JSON (team/schema/v4-reviews.ts
// columns: at_ms, corrected_value, …); its `clocks` are keyed by the op field names of contract.ts.
import { z } from 'zod'
import { commentFieldsSchema, hlcSchema, reviewFieldsSchema, tagCheckFieldsSchema, type ChangeRow } from './contract'
import { DELETED, type FieldWrite, type SyncedEntity } from './merge'

/** Op field name → table column, per entity. */
const COLUMNS = {
  review: { verdict: 'verdict', score: 'score', note: 'note', tags: 'tags' },
  comment: {
    atMs: 'at_ms',
    endMs: 'end_ms',
    lineIndex: 'line_index',
    text: 'text',
    category: 'category',
    createdAt: 'created_at',
  },
  tag_check: { robotValue: 'robot_value', status: 'status', correctedValue: 'corrected_value', removed: 'removed' },
} as const satisfies Record<SyncedEntity, Record<string, string>>

const NO_CLOCK = '000000000000000-000000-0'

const FIELD_SCHEMAS = { review: reviewFieldsSchema, comment: commentFieldsSchema, tag_check: tagCheckFieldsSchema }

const rowSchema = z.looseObject({
  clocks: z.record(z.string(), hlcSchema).default({}),
  session_id: z.number().nullable().optional(),
  deleted_at: z.string().nullable().optional(),
})

export type RowWrites =
  | { kind: 'writes'; writes: FieldWrite[] }
  /** A calibration grade: not part of the reviewer's own review of the call (calibration owns it). */
  | { kind: 'skip' }
  | { kind: 'invalid'; reason: string }

/** The writes a review, comment or tag_check change row stands for. */
export function changeRowWrites(change: ChangeRow & { entity: SyncedEntity }): RowWrites {
  const parsed = rowSchema.safeParse(change.row)
  if (!parsed.success) return { kind: 'invalid', reason: z.prettifyError(parsed.error) }
  const { clocks } = parsed.data
  if (typeof parsed.data.session_id === 'number') return { kind: 'skip' }
  if (change.entity !== 'review' && !change.entityKey)
    return { kind: 'invalid', reason: `a ${change.entity} row without its key` }

  const row = change.row
  const fields: Record<string, unknown> = {}
  const stamps: Record<string, string> = {}
  for (const [field, column] of Object.entries(COLUMNS[change.entity])) {
    const hlc = clocks[field]
    // A field no write has set yet (no clock) is the table's default, not a value to merge.
    if (hlc === undefined || !(column in row)) continue
    fields[field] = row[column]
    stamps[field] = hlc
  }
  const checked = FIELD_SCHEMAS[change.entity].safeParse(fields)
  if (!checked.success) return { kind: 'invalid', reason: z.prettifyError(checked.error) }

  const key = change.entity === 'review' ? null : change.entityKey
  const writes: FieldWrite[] = Object.entries(checked.data).map(([field, value]) => ({
    entity: change.entity,
    key,
    field,
    value,
    hlc: stamps[field]!,
  }))
  const deletedAt = parsed.data.deleted_at
  if (change.entity === 'comment' && deletedAt) {
    // Delete wins whatever its clock (merge.ts); any well-formed one will do when the row has none.
    const hlc = clocks[DELETED] ?? Object.values(clocks).sort().at(-1) ?? NO_CLOCK
    writes.push({ entity: 'comment', key, field: DELETED, value: true, hlc })
  }
  return { kind: 'writes', writes }
}
