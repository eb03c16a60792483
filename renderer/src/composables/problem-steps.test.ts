import { describe, expect, it } from 'vitest'
import type { LaneMark } from '../components/player/lane-marks'
import { AT_PROBLEM_MS, callProblems, stepProblem } from './problem-steps'

const mark = (kind: LaneMark['kind'], startMs: number): LaneMark => ({
  kind,
  startMs,
  endMs: startMs + 500,
  ms: 500,
  lineIndex: 0,
})
const problems = callProblems(
  [mark('aiUnknown', 10_000), mark('bargeIn', 4000), mark('silence', 20_000), mark('aiUnknown', 30_000)],
  [{ id: 'c1', atMs: 15_000, endMs: 16_000, label: '' }],
)

describe('next and previous problem in a call', () => {
  it('lists the lane marks and the comments together in time order', () => {
    expect(problems.map((p) => [p.kind, p.startMs])).toEqual([
      ['bargeIn', 4000],
      ['aiUnknown', 10_000],
      ['comment', 15_000],
      ['silence', 20_000],
      ['aiUnknown', 30_000],
    ])
  })

  it('steps to the next problem of any kind, and to the next of one kind skipping the others', () => {
    expect(stepProblem(problems, 0, 1)?.startMs).toBe(4000)
    expect(stepProblem(problems, 0, 1, 'aiUnknown')?.startMs).toBe(10_000)
    expect(stepProblem(problems, 10_000, 1, 'aiUnknown')?.startMs).toBe(30_000)
    expect(stepProblem(problems, 12_000, 1, 'comment')?.startMs).toBe(15_000)
    expect(stepProblem(problems, 30_000, 1)).toBeNull()
    expect(stepProblem(problems, 0, 1, 'latency')).toBeNull()
  })

  it('moves on from a problem the player stands a hair before, after a jump to it', () => {
    expect(stepProblem(problems, 9_999.99, 1)?.startMs).toBe(15_000)
    expect(stepProblem(problems, 9_999.99, 1, 'aiUnknown')?.startMs).toBe(30_000)
  })

  it('goes from the problem just jumped to (or just started) to the one before it', () => {
    expect(stepProblem(problems, 15_000, -1)?.startMs).toBe(10_000)
    expect(stepProblem(problems, 15_000 + AT_PROBLEM_MS - 1, -1)?.startMs).toBe(10_000)
    expect(stepProblem(problems, 30_000, -1, 'aiUnknown')?.startMs).toBe(10_000)
    expect(stepProblem(problems, 4000, -1)).toBeNull()
  })

  it('goes back to the start of the problem played on past, as a previous-track key does', () => {
    expect(stepProblem(problems, 17_000, -1)?.startMs).toBe(15_000)
    expect(stepProblem(problems, 25_000, -1, 'aiUnknown')?.startMs).toBe(10_000)
    expect(stepProblem(problems, 3000, -1)).toBeNull()
  })
})
