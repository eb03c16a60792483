import { describe, expect, it } from 'vitest'
import type { TranscriptLine } from '@shared/contract'
import { commentsOnLines } from './comment-lines'

const line = (index: number, startMs: number, endMs: number): TranscriptLine => ({
  index,
  speaker: index % 2 ? 'customer' : 'ai',
  content: `line ${index}`,
  startMs,
  endMs,
  inferred: false,
  userMean: null,
  aiUnknown: null,
})
const lines = [line(0, 0, 2000), line(1, 2000, 4000), line(2, 4500, 6000), line(3, 6000, 6000)]

describe('comments beside their transcript lines', () => {
  it('covers every line a range overlaps and labels the first of them', () => {
    const range = { id: 'r', atMs: 3000, endMs: 5000, label: '抢话' }
    const { covered, startingAt } = commentsOnLines(lines, [range])
    expect([...covered]).toEqual([1, 2])
    expect(startingAt.get(1)).toEqual([range])
    expect(startingAt.has(2)).toBe(false)
  })

  it('puts a moment on the line it was made on, else on the line under it', () => {
    const made = { id: 'a', atMs: 100, endMs: null, lineIndex: 2, label: 'a' }
    const under = { id: 'b', atMs: 2500, endMs: null, lineIndex: null, label: 'b' }
    const inGap = { id: 'c', atMs: 4200, endMs: null, lineIndex: null, label: 'c' }
    const { covered, startingAt } = commentsOnLines(lines, [made, under, inGap])
    expect([...covered].sort()).toEqual([1, 2])
    expect(startingAt.get(2)).toEqual([made])
    expect(startingAt.get(1)).toEqual([under])
  })

  it('counts a zero-length line inside a range as covered, and a range touching a line end as not', () => {
    const { covered } = commentsOnLines(lines, [{ id: 'r', atMs: 4000, endMs: 6001, label: '' }])
    expect([...covered]).toEqual([2, 3])
  })
})
