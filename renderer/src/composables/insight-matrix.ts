// A tag's confusion matrix laid out for a heatmap: robot values as rows (none given last), reviewer
// values as columns in the rows' order first, so agreement runs down the diagonal.
import type { InsightOverview } from '@shared/contract'

export type MatrixCell = InsightOverview['accuracy'][number]['matrix'][number]

export interface MatrixGrid {
  robots: (string | null)[]
  reviewers: string[]
  /** [column, row, calls] per cell that has calls, as ECharts' heatmap takes them. */
  points: [number, number, number][]
  /** The cell behind each point, same order. */
  cells: MatrixCell[]
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function matrixGrid(matrix: readonly MatrixCell[]): MatrixGrid {
  const named = [...new Set(matrix.flatMap((cell) => (cell.robot === null ? [] : [cell.robot])))].sort(byText)
  const robots: (string | null)[] = matrix.some((cell) => cell.robot === null) ? [...named, null] : named
  const others = [...new Set(matrix.map((cell) => cell.reviewer))].filter((value) => !named.includes(value))
  const reviewers = [...named, ...others.sort(byText)]
  return {
    robots,
    reviewers,
    points: matrix.map((cell) => [reviewers.indexOf(cell.reviewer), robots.indexOf(cell.robot), cell.calls]),
    cells: [...matrix],
  }
}
