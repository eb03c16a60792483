// getTaskDetail's extraStat in whichever shape the server sends it: the document's table says
// List, its example shows an object of result name → [{name, value}]. Shapes we cannot read are
// kept raw (shown as "unrecognised statistics"), never fatal to the task detail.
import type { NameCount } from '../../shared/contract'
import { fullValuesFor } from '../../shared/result-values'
import { toNumberOrNull, toStringOrNull } from './values'

export interface ExtraStat {
  /** Result name → counts per value, as the task detail charts them. */
  groups: Record<string, NameCount[]>
  /** The parts of the payload that fit no known shape, as sent. */
  unrecognised: unknown[]
}

/** Raw JSON of unrecognised parts is capped: it is for a person to read, not for sync to hoard. */
const RAW_TEXT_MAX = 20_000

/** Keys a list-shaped group may carry its rows under. */
const GROUP_ROW_KEYS = ['value', 'values', 'list', 'stat', 'stats'] as const

type Row = Record<string, unknown>

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value)

/** [{name, value}] rows with a scalar count; null when any row is not one. */
function countRows(value: unknown): NameCount[] | null {
  if (!Array.isArray(value)) return null
  const counts: NameCount[] = []
  for (const row of value) {
    if (!isRow(row) || Array.isArray(row.value) || isRow(row.value)) return null
    const name = toStringOrNull(row.name)
    // A row without a name cannot be drawn or linked; the document's example has none such.
    if (name !== null) counts.push({ name, value: toNumberOrNull(row.value) })
  }
  return counts
}

/** `{name, value: [...]}` / `{name, list: [...]}`: one result name and its rows. */
function groupOf(row: Row): { name: string; counts: NameCount[] } | null {
  const name = toStringOrNull(row.name)
  if (name === null) return null
  for (const key of GROUP_ROW_KEYS) {
    if (!Array.isArray(row[key])) continue
    const counts = countRows(row[key])
    return counts === null ? null : { name, counts }
  }
  return null
}

/**
 * Flat `[{name, value}]` rows name values, not results: each goes to the one result whose declared
 * values hold it (else its full form, `较强` → `A级(较强)`); a row that fits no result, or several, is
 * unrecognised (guessing would mislabel it).
 */
function groupFlatRows(rows: NameCount[], raw: Row[], resultDefs: readonly { name: string; values: string[] }[]) {
  const groups: Record<string, NameCount[]> = {}
  const unrecognised: unknown[] = []
  rows.forEach((row, index) => {
    const exact = resultDefs.filter((def) => def.values.includes(row.name))
    const owners = exact.length > 0 ? exact : resultDefs.filter((def) => fullValuesFor(row.name, def.values).length > 0)
    const owner = owners.length === 1 ? owners[0]!.name : null
    if (owner === null) unrecognised.push(raw[index])
    else (groups[owner] ??= []).push(row)
  })
  return { groups, unrecognised }
}

function addCounts(groups: Record<string, NameCount[]>, name: string, counts: NameCount[]): void {
  groups[name] = [...(groups[name] ?? []), ...counts]
}

export function normalizeExtraStat(
  raw: unknown,
  resultDefs: readonly { name: string; values: string[] }[] = [],
): ExtraStat {
  const groups: Record<string, NameCount[]> = {}
  const unrecognised: unknown[] = []
  if (raw === null || raw === undefined) return { groups, unrecognised }
  if (isRow(raw)) {
    // The document's example: {"客户意向等级": [{name, value}], …}.
    for (const [name, value] of Object.entries(raw)) {
      if (value === null || value === undefined) continue
      const counts = countRows(value)
      if (counts === null) unrecognised.push({ [name]: value })
      else addCounts(groups, name, counts)
    }
    return { groups, unrecognised }
  }
  if (!Array.isArray(raw)) return { groups, unrecognised: [raw] }
  // A list: groups ({name, value: [...]}) and flat rows ({name, value}) may both appear.
  const flat: Row[] = []
  for (const item of raw) {
    const group = isRow(item) ? groupOf(item) : null
    if (group) addCounts(groups, group.name, group.counts)
    else if (isRow(item) && countRows([item])?.length === 1) flat.push(item)
    else unrecognised.push(item)
  }
  if (flat.length > 0) {
    const placed = groupFlatRows(countRows(flat) ?? [], flat, resultDefs)
    for (const [name, counts] of Object.entries(placed.groups)) addCounts(groups, name, counts)
    unrecognised.push(...placed.unrecognised)
  }
  return { groups, unrecognised }
}

/** The unrecognised parts as indented JSON for the task detail page; undefined when there are none. */
export function unrecognisedText(unrecognised: readonly unknown[]): string | undefined {
  if (unrecognised.length === 0) return undefined
  const text =
    JSON.stringify(unrecognised.length === 1 ? unrecognised[0] : unrecognised, null, 2) ?? String(unrecognised)
  return text.length > RAW_TEXT_MAX ? `${text.slice(0, RAW_TEXT_MAX)}\n…` : text
}
