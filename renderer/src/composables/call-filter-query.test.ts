import { describe, expect, it } from 'vitest'
import { filterFromQuery, queryFromFilter, sortFromQuery } from './call-filter-query'

describe('call filters in the route', () => {
  it('read repeatable tags as OR within a name and AND across names', () => {
    const filter = filterFromQuery({
      task: '12',
      tag: ['客户意向等级:A级(较强)', '客户意向等级:B级(一般)', '客户关注点:价格'],
    })
    expect(filter).toEqual({
      taskId: 12,
      tags: [
        { name: '客户意向等级', values: ['A级(较强)', 'B级(一般)'] },
        { name: '客户关注点', values: ['价格'] },
      ],
    })
  })

  it('keep a colon inside the value and drop malformed parameters', () => {
    expect(filterFromQuery({ tag: '预约时间:2026-01-25 08:00', task: 'abc', dmin: '-3', fs: ['0', 'x'] })).toEqual({
      tags: [{ name: '预约时间', values: ['2026-01-25 08:00'] }],
      finishStatus: [0],
    })
  })

  it('round-trip every filter through a link', () => {
    const filter = {
      taskId: 3,
      tags: [{ name: '客户意向等级', values: ['A级(较强)'] }],
      durationMin: 30,
      durationMax: 180,
      chatRoundMin: 2,
      chatRoundMax: 9,
      finishStatus: [0, 8],
      startFrom: '2026-11-01',
      startTo: '2026-11-24 18:00:00',
      text: '价格',
      reviewState: 'unreviewed' as const,
      verdicts: ['fail' as const, 'follow_up' as const],
      hasBargeIn: true,
      hasAiUnknown: false,
      silenceMinMs: 3000,
      silenceMaxMs: 9000,
      aiLatencyMinMs: -200,
      aiLatencyMaxMs: 2500,
      hungUpBy: 'customer' as const,
      lastAiLine: '再见',
      tagChecks: [{ name: '客户意向等级', state: 'confirmed' as const }],
    }
    expect(filterFromQuery(queryFromFilter(filter))).toEqual(filter)
  })

  it('round-trip each conversation-fact filter through a link on its own', () => {
    const filters = [
      { hasBargeIn: true },
      { hasBargeIn: false },
      { hasAiUnknown: true },
      { hasAiUnknown: false },
      { silenceMinMs: 5000 },
      { silenceMaxMs: 0 },
      { aiLatencyMinMs: -300 },
      { aiLatencyMaxMs: 1200 },
      { hungUpBy: 'customer' as const },
      { hungUpBy: 'ai' as const },
      { lastAiLine: '好的：那我稍后再联系您，再见' },
    ]
    for (const filter of filters) expect(filterFromQuery(queryFromFilter(filter))).toEqual(filter)
    expect(queryFromFilter({ hasBargeIn: true, silenceMinMs: 5000, hungUpBy: 'customer' })).toEqual({
      barge: '1',
      silmin: '5000',
      hup: 'customer',
    })
  })

  it('round-trip tag checks, keeping colons in values and an empty robot value apart from none', () => {
    const filters = [
      { tagChecks: [{ name: '客户意向等级' }] },
      { tagChecks: [{ name: '客户意向等级', state: 'unchecked' as const }] },
      { tagChecks: [{ name: '客户意向等级', state: 'corrected' as const, robotValue: 'B级', reviewerValue: 'A级' }] },
      { tagChecks: [{ name: '预约时间', robotValue: '', reviewerValue: '08:00:00' }] },
      {
        tagChecks: [
          { name: 'a', reviewerValue: 'x' },
          { name: 'b', state: 'missed' as const },
        ],
      },
    ]
    for (const filter of filters) expect(filterFromQuery(queryFromFilter(filter))).toEqual(filter)
  })

  it('drop malformed conversation-fact and tag-check parameters', () => {
    expect(
      filterFromQuery({
        barge: 'yes',
        unknown: '2',
        silmin: '5s',
        latmax: '999999999',
        hup: 'robot',
        check: ['not json', '["n","bogus"]', '[""]', '[1]', '["ok",null,null,"v"]'],
      }),
    ).toEqual({ tagChecks: [{ name: 'ok', reviewerValue: 'v' }] })
  })

  it('default the sort to newest first and keep it out of the link', () => {
    expect(sortFromQuery({})).toEqual({ field: 'startTime', direction: 'desc' })
    expect(queryFromFilter({}, { field: 'startTime', direction: 'desc' })).toEqual({})
    expect(sortFromQuery(queryFromFilter({}, { field: 'durationSec', direction: 'asc' }))).toEqual({
      field: 'durationSec',
      direction: 'asc',
    })
    expect(sortFromQuery({ sort: 'DROP TABLE' })).toEqual({ field: 'startTime', direction: 'desc' })
  })
})
