// How often the robot's result tags were right, per result name, from the reviewer's tag checks.
// Each check is one judgement: a call with several values of one name (客户关注点) gives one per
// value, and a "missed" check (a value the robot should have given and did not) counts as checked,
// not confirmed, with no robot value. A tag nobody checked is not counted at all.
import type { TagCheck } from '../contract/reviews'
import { wilsonInterval } from './wilson'

export interface TagMatrixCell {
  /** null: the robot gave no value of this name (a missed check). */
  robot: string | null
  reviewer: string
  calls: number
}

export interface TagAccuracy {
  name: string
  checked: number
  confirmed: number
  /** confirmed / checked, with its 95 % Wilson interval. */
  agreement: number
  agreementLow: number
  agreementHigh: number
  matrix: TagMatrixCell[]
}

/** The value the reviewer stands by: the robot's when confirmed, else the one given instead. */
export function reviewerValue(check: TagCheck): string {
  return check.status === 'confirmed' ? check.robotValue : (check.correctedValue ?? '')
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** One entry per result name that has a check, by name; matrix cells by robot value (missed last), then reviewer value. */
export function tagAccuracy(checksPerCall: Iterable<readonly TagCheck[]>): TagAccuracy[] {
  const names = new Map<string, { confirmed: number; cells: Map<string, TagMatrixCell> }>()
  for (const checks of checksPerCall) {
    for (const check of checks) {
      const entry = names.get(check.name) ?? { confirmed: 0, cells: new Map() }
      names.set(check.name, entry)
      if (check.status === 'confirmed') entry.confirmed++
      const robot = check.status === 'missed' ? null : check.robotValue
      const reviewer = reviewerValue(check)
      const key = JSON.stringify([robot, reviewer])
      const cell = entry.cells.get(key) ?? { robot, reviewer, calls: 0 }
      cell.calls++
      entry.cells.set(key, cell)
    }
  }
  return [...names.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([name, { confirmed, cells }]) => {
      const matrix = [...cells.values()].sort(
        (a, b) =>
          (a.robot === null ? 1 : 0) - (b.robot === null ? 1 : 0) ||
          byText(a.robot ?? '', b.robot ?? '') ||
          byText(a.reviewer, b.reviewer),
      )
      const checked = matrix.reduce((sum, cell) => sum + cell.calls, 0)
      const interval = wilsonInterval(confirmed, checked)!
      return {
        name,
        checked,
        confirmed,
        agreement: confirmed / checked,
        agreementLow: interval.low,
        agreementHigh: interval.high,
        matrix,
      }
    })
}
