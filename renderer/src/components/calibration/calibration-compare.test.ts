import { describe, expect, it } from 'vitest'
import type { CalibrationCall, CalibrationGrade } from '@shared/contract'
import { compareAuthors, compareLines, robotTags } from './calibration-compare'

const call: CalibrationCall = {
  callId: 7,
  startTime: null,
  durationSec: 30,
  results: [
    { name: '意向', value: 'A', desc: null },
    { name: '性别', value: '女', desc: null },
  ],
}
function grade(author: string, patch: Partial<CalibrationGrade>): CalibrationGrade {
  return { callId: 7, author, verdict: 'pass', score: null, note: '', tagChecks: [], updatedAt: '', ...patch }
}

describe('grades side by side', () => {
  it('flags a verdict and a settled tag value that differ, not a tag both settled alike', () => {
    const grades = [
      grade('bob', {
        verdict: 'fail',
        tagChecks: [
          { name: '意向', robotValue: 'A', status: 'corrected', correctedValue: 'B' },
          { name: '性别', robotValue: '女', status: 'confirmed', correctedValue: null },
        ],
      }),
      grade('alice', {
        tagChecks: [
          { name: '意向', robotValue: 'A', status: 'confirmed', correctedValue: null },
          { name: '性别', robotValue: '女', status: 'confirmed', correctedValue: null },
        ],
      }),
    ]
    const authors = compareAuthors(grades)
    expect(authors).toEqual(['alice', 'bob'])
    const lines = compareLines([call], grades, authors)
    expect(lines.map((l) => [l.measure, l.tagName, l.values, l.differs])).toEqual([
      ['verdict', null, ['pass', 'fail'], true],
      ['score', null, [null, null], false],
      ['tag', '意向', ['A', 'B'], true],
      ['tag', '性别', ['女', '女'], false],
    ])
  })

  it('a single grade differs from nothing', () => {
    const lines = compareLines([call], [grade('alice', { verdict: 'fail' })], ['alice'])
    expect(lines.some((l) => l.differs)).toBe(false)
    expect(lines[0]!.values).toEqual(['fail'])
  })

  it('a tag the robot gave several values is one tag with its values joined, in the call’s order', () => {
    expect(
      robotTags([
        { name: '关注点', value: '学区', desc: null },
        { name: '意向', value: 'A', desc: null },
        { name: '关注点', value: '环境', desc: null },
      ]),
    ).toEqual([
      { name: '关注点', value: '学区、环境' },
      { name: '意向', value: 'A' },
    ])
  })
})
