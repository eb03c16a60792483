// Grades side by side: per call, one line for the verdict, the score and each result tag, with
// every participant's value and whether they differ. The server decides whose grades are here.
import type { CalibrationCall, CalibrationGrade } from '@shared/contract'

export interface CompareLine {
  callId: number
  measure: 'verdict' | 'score' | 'tag'
  /** The tag's name on a 'tag' line. */
  tagName: string | null
  /** Per author (in `authors` order): the value, null when they gave none. */
  values: (string | null)[]
  /** Two or more authors gave values and they are not all the same. */
  differs: boolean
}

type Check = CalibrationGrade['tagChecks'][number]

/**
 * The robot's tags as calibration grades them: one per name (the server keeps one check per name
 * and grade), a name the robot gave several values (a multi-valued tag) as those values joined.
 */
export function robotTags(results: CalibrationCall['results']): { name: string; value: string }[] {
  const byName = new Map<string, string[]>()
  for (const result of results) byName.set(result.name, [...(byName.get(result.name) ?? []), result.value])
  return [...byName].map(([name, values]) => ({ name, value: values.join(MULTI_VALUE_JOIN) }))
}
export const MULTI_VALUE_JOIN = '、'

/** The value a participant settled on for a tag: the robot's when confirmed, the corrected one otherwise. */
export function settledValue(check: Check | undefined): string | null {
  if (!check) return null
  return check.status === 'confirmed' ? check.robotValue : check.correctedValue
}

function line(callId: number, measure: CompareLine['measure'], tagName: string | null, values: (string | null)[]) {
  const given = values.filter((v): v is string => v !== null)
  return { callId, measure, tagName, values, differs: given.length >= 2 && new Set(given).size > 1 }
}

export function compareAuthors(grades: CalibrationGrade[]): string[] {
  return [...new Set(grades.map((g) => g.author))].sort()
}

export function compareLines(calls: CalibrationCall[], grades: CalibrationGrade[], authors: string[]): CompareLine[] {
  const lines: CompareLine[] = []
  for (const call of calls) {
    const byAuthor = authors.map((a) => grades.find((g) => g.callId === call.callId && g.author === a))
    lines.push(
      line(
        call.callId,
        'verdict',
        null,
        byAuthor.map((g) => g?.verdict ?? null),
      ),
    )
    lines.push(
      line(
        call.callId,
        'score',
        null,
        byAuthor.map((g) => (g?.score == null ? null : String(g.score))),
      ),
    )
    // The robot's tags first, in the call's order, then any tag a participant said it missed.
    const names = [
      ...new Set([
        ...call.results.map((r) => r.name),
        ...byAuthor.flatMap((g) => g?.tagChecks.map((c) => c.name) ?? []),
      ]),
    ]
    for (const name of names) {
      lines.push(
        line(
          call.callId,
          'tag',
          name,
          byAuthor.map((g) => settledValue(g?.tagChecks.find((c) => c.name === name))),
        ),
      )
    }
  }
  return lines
}
