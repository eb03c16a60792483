// The reviewer's checks of the robot's result tags, as pure steps over the list of checks: the
// review store applies them to the draft (so each is one undoable, saved edit).
import type { CallResult, TagCheck } from '@shared/contract'

const sameResult = (check: TagCheck, result: Pick<CallResult, 'name' | 'value'>) =>
  check.status !== 'missed' && check.name === result.name && check.robotValue === result.value

/** The check of one of the robot's results, if the reviewer made one. */
export function checkOf(checks: readonly TagCheck[], result: Pick<CallResult, 'name' | 'value'>): TagCheck | undefined {
  return checks.find((check) => sameResult(check, result))
}

/** Confirms the robot's value, or corrects it to another (typed or chosen) value. */
export function checkResult(
  checks: readonly TagCheck[],
  result: CallResult,
  correctedValue: string | null,
): TagCheck[] {
  const value = correctedValue?.trim() ?? null
  const check: TagCheck =
    value === null || value === '' || value === result.value
      ? { name: result.name, robotValue: result.value, status: 'confirmed', correctedValue: null }
      : { name: result.name, robotValue: result.value, status: 'corrected', correctedValue: value }
  return [...checks.filter((c) => !sameResult(c, result)), check]
}

/** Back to unchecked. */
export function uncheckResult(checks: readonly TagCheck[], result: CallResult): TagCheck[] {
  return checks.filter((c) => !sameResult(c, result))
}

/** Confirms every result not checked yet; corrections already made stay. */
export function confirmAllResults(checks: readonly TagCheck[], results: readonly CallResult[]): TagCheck[] {
  const unchecked = results.filter((result) => !checkOf(checks, result))
  return [
    ...checks,
    ...unchecked.map((r): TagCheck => ({
      name: r.name,
      robotValue: r.value,
      status: 'confirmed',
      correctedValue: null,
    })),
  ]
}

/** A result the robot should have given and did not; the same name and value twice is one. */
export function addMissedResult(checks: readonly TagCheck[], name: string, value: string): TagCheck[] {
  const [n, v] = [name.trim(), value.trim()]
  if (!n || !v || checks.some((c) => c.status === 'missed' && c.name === n && c.correctedValue === v))
    return [...checks]
  return [...checks, { name: n, robotValue: '', status: 'missed', correctedValue: v }]
}

export function removeMissedResult(checks: readonly TagCheck[], name: string, value: string): TagCheck[] {
  return checks.filter((c) => !(c.status === 'missed' && c.name === name && c.correctedValue === value))
}
