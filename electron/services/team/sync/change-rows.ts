// A pulled change row (the entity's whole state on the server, with its per-field clocks) as the
// field writes merge.ts applies. The server's triggers (schema v5) write the row in camelCase with
// the op field names of contract.ts (atMs, correctedValue, …), `clocks` keyed the same way, plus
// `sessionId` (set for a calibration grade) and, for a comment, `deletedAt` and `clocks.deleted`.
import { z } from 'zod'
import { commentFieldsSchema, hlcSchema, reviewFieldsSchema, tagCheckFieldsSchema, type ChangeRow } from './contract'
import { DELETED, type FieldWrite, type SyncedEntity } from './merge'

const FIELD_SCHEMAS = { review: reviewFieldsSchema, comment: commentFieldsSchema, tag_check: tagCheckFieldsSchema }
const NO_CLOCK = '000000000000000-000000-0'

const rowSchema = z.looseObject({
  clocks: z.record(z.string(), hlcSchema).default({}),
  sessionId: z.number().nullable().optional(),
  deletedAt: z.string().nullable().optional(),
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
  const { clocks, sessionId, deletedAt } = parsed.data
  if (typeof sessionId === 'number') return { kind: 'skip' }
  if (change.entity !== 'review' && !change.entityKey)
    return { kind: 'invalid', reason: `a ${change.entity} row without its key` }

  const schema = FIELD_SCHEMAS[change.entity]
  const fields: Record<string, unknown> = {}
  for (const field of Object.keys(schema.shape)) {
    // A field no write has set (no clock) holds the table's default, not a value to merge.
    if (clocks[field] !== undefined && field in change.row) fields[field] = change.row[field]
  }
  const checked = schema.safeParse(fields)
  if (!checked.success) return { kind: 'invalid', reason: z.prettifyError(checked.error) }

  const key = change.entity === 'review' ? null : change.entityKey
  const writes: FieldWrite[] = Object.entries(checked.data).map(([field, value]) => ({
    entity: change.entity,
    key,
    field,
    value,
    hlc: clocks[field]!,
  }))
  if (change.entity === 'comment' && deletedAt) {
    // Delete wins whatever its clock (merge.ts); any well-formed one will do when the row has none.
    const hlc = clocks[DELETED] ?? Object.values(clocks).sort().at(-1) ?? NO_CLOCK
    writes.push({ entity: 'comment', key, field: DELETED, value: true, hlc })
  }
  return { kind: 'writes', writes }
}
