// How getTaskDetail sends extraStat: the document's example shows an object of result name →
// [{name, value}] with short labels (`较强`), its table says List. Each store serves one shape,
// chosen by the `statShape` option or POST /__admin/stat-shape; the default is the object with
// full values, as the simulator always sent.
import type { SimStore } from '../store/sim-store'
import type { NameValue } from './task-stats'

export const EXTRA_STAT_SHAPES = ['object', 'list-value', 'list-list', 'flat'] as const
export const STAT_LABELS = ['full', 'short'] as const

export interface StatShape {
  /**
   * object: {"客户意向等级": [{name, value}]}; list-value: [{name: "客户意向等级", value: [{name, value}]}];
   * list-list: the same with the rows under `list`; flat: every group's rows in one [{name, value}] list.
   */
  extraStat: (typeof EXTRA_STAT_SHAPES)[number]
  /** full: the calls' value (`A级(较强)`); short: its bracketed part (`较强`), counts of equal labels summed. */
  labels: (typeof STAT_LABELS)[number]
}

const DEFAULT_SHAPE: StatShape = { extraStat: 'object', labels: 'full' }
const shapes = new WeakMap<SimStore, StatShape>()

export function statShapeOf(store: SimStore): StatShape {
  return shapes.get(store) ?? DEFAULT_SHAPE
}

/** Changes the given fields; an unknown field or value is an error naming it. */
export function setStatShape(store: SimStore, patch: unknown): StatShape {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('body must be a JSON object')
  const next: StatShape = { ...statShapeOf(store) }
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'extraStat' && (EXTRA_STAT_SHAPES as readonly unknown[]).includes(value)) {
      next.extraStat = value as StatShape['extraStat']
    } else if (key === 'labels' && (STAT_LABELS as readonly unknown[]).includes(value)) {
      next.labels = value as StatShape['labels']
    } else if (key === 'extraStat' || key === 'labels') {
      const known = key === 'extraStat' ? EXTRA_STAT_SHAPES : STAT_LABELS
      throw new Error(`stat shape ${key} must be one of ${known.join(', ')}, got ${JSON.stringify(value)}`)
    } else {
      throw new Error(`unknown stat shape field "${key}" (known: extraStat, labels)`)
    }
  }
  shapes.set(store, next)
  return next
}

/** `A级(较强)` → `较强`; a value without brackets is its own short form. */
export function shortLabel(value: string): string {
  return /[(（]([^()（）]+)[)）]\s*$/.exec(value)?.[1] ?? value
}

function relabel(rows: NameValue[], labels: StatShape['labels']): NameValue[] {
  if (labels === 'full') return rows
  const summed = new Map<string, number>()
  for (const row of rows) summed.set(shortLabel(row.name), (summed.get(shortLabel(row.name)) ?? 0) + row.value)
  return [...summed].map(([name, value]) => ({ name, value }))
}

/** extraStat as the store's shape sends it. */
export function shapeExtraStat(store: SimStore, extraStat: Record<string, NameValue[]>): unknown {
  const { extraStat: shape, labels } = statShapeOf(store)
  const groups = Object.entries(extraStat).map(([name, rows]) => ({ name, rows: relabel(rows, labels) }))
  switch (shape) {
    case 'object':
      return Object.fromEntries(groups.map((g) => [g.name, g.rows]))
    case 'list-value':
      return groups.map((g) => ({ name: g.name, value: g.rows }))
    case 'list-list':
      return groups.map((g) => ({ name: g.name, list: g.rows }))
    case 'flat':
      return groups.flatMap((g) => g.rows)
  }
}
