import { describe, expect, it } from 'vitest'
import { dropOff } from './task-insight'

describe('drop-off', () => {
  const call = (hungUpBy: 'ai' | 'customer' | null, content: string | null) => ({
    callInstanceId: 1,
    callJobId: 1,
    aiLatencyP50Ms: null,
    aiLatencyMaxMs: null,
    bargeIns: 0,
    maxSilenceMs: null,
    aiUnknownLines: 0,
    hungUpBy,
    lastAiLine: content === null ? null : { index: 1, content },
  })

  it('counts the calls the customer hung up by their last AI line, most frequent first, ties by text', () => {
    const calls = [
      call('customer', '价格'),
      call('customer', '再见'),
      call('customer', '价格'),
      call('ai', '价格'),
      call(null, '价格'),
      call('customer', null),
      call('customer', '地址'),
    ]
    expect(dropOff(calls)).toEqual([
      { content: '价格', calls: 2 },
      { content: '再见', calls: 1 },
      { content: '地址', calls: 1 },
      { content: null, calls: 1 },
    ])
  })
})
