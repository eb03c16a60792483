import { describe, expect, it } from 'vitest'
import type { Speaker } from '../contract/domain'
import { callInsight } from './call-insight'
import type { ConversationLine } from './conversation'

function lines(...spec: [Speaker, number, number, Partial<ConversationLine>?][]): ConversationLine[] {
  return spec.map(([speaker, startMs, endMs, extra], index) => ({
    index,
    speaker,
    content: `line ${index}`,
    startMs,
    endMs,
    inferred: false,
    aiUnknown: null,
    ...extra,
  }))
}

describe("a call's insight row", () => {
  it('puts every metric of a conversation under the CLI key names', () => {
    const transcript = lines(
      ['ai', 0, 3000],
      ['customer', 2800, 4000], // barge-in
      ['ai', 4600, 6000], // latency 600
      ['customer', 7500, 9000], // silence 1500
      ['ai', 8800, 9500, { aiUnknown: true }], // latency -200
      ['customer', 9700, 10_000],
      ['ai', 10_100, 10_500, { content: '再见' }], // latency 100
    )
    const { insight, latencies } = callInsight({ callInstanceId: 7, callJobId: 3001, hangUp: 1, transcript })
    expect(latencies).toEqual([600, -200, 100])
    expect(insight).toEqual({
      callInstanceId: 7,
      callJobId: 3001,
      aiLatencyP50Ms: 100,
      aiLatencyMaxMs: 600,
      bargeIns: 1,
      maxSilenceMs: 1500,
      aiUnknownLines: 1,
      hungUpBy: 'customer',
      lastAiLine: { index: 4, content: '再见' },
    })
    expect(Object.keys(insight)).toEqual([
      'callInstanceId',
      'callJobId',
      'aiLatencyP50Ms',
      'aiLatencyMaxMs',
      'bargeIns',
      'maxSilenceMs',
      'aiUnknownLines',
      'hungUpBy',
      'lastAiLine',
    ])
  })

  it('has nulls where a call has nothing to measure: unanswered, or AI lines all untimed', () => {
    expect(callInsight({ callInstanceId: 1, callJobId: 1, hangUp: null, transcript: [] }).insight).toMatchObject({
      aiLatencyP50Ms: null,
      aiLatencyMaxMs: null,
      bargeIns: 0,
      maxSilenceMs: null,
      aiUnknownLines: 0,
      hungUpBy: null,
      lastAiLine: null,
    })
    const untimed = lines(
      ['ai', 0, 900, { inferred: true }],
      ['customer', 1000, 2000],
      ['ai', 2000, 2600, { inferred: true }],
    )
    expect(callInsight({ callInstanceId: 2, callJobId: 1, hangUp: 0, transcript: untimed }).insight).toMatchObject({
      aiLatencyP50Ms: null,
      bargeIns: 0,
      maxSilenceMs: null,
      hungUpBy: 'ai',
      lastAiLine: { index: 2, content: 'line 2' },
    })
  })
})
