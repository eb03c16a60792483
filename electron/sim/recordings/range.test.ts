import { describe, expect, it } from 'vitest'
import { parseRange } from './range'

describe('Range header parsing', () => {
  it('reads closed, open-ended and suffix ranges', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', start: 0, end: 99 })
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 })
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 })
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 })
  })

  it('clamps an end past the file and refuses a start past it', () => {
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ kind: 'partial', start: 990, end: 999 })
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' })
  })

  it('ignores absent, malformed and multi-range headers (whole file)', () => {
    expect(parseRange(undefined, 1000)).toEqual({ kind: 'full' })
    expect(parseRange('items=0-1', 1000)).toEqual({ kind: 'full' })
    expect(parseRange('bytes=0-1,5-6', 1000)).toEqual({ kind: 'full' })
    expect(parseRange('bytes=50-10', 1000)).toEqual({ kind: 'full' })
  })
})
