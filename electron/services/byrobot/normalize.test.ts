import { describe, expect, it } from 'vitest'
import { normalizeCallSummary, normalizePage, normalizeTaskDetail } from './normalize'
import { DONE_CALLS_EXAMPLE } from '../../test-support/api-doc-examples'
import { pageSchema, rawDoneCallSchema, rawTaskDetailSchema } from './schemas'

const doneCalls = () => pageSchema(rawDoneCallSchema).parse(JSON.parse(DONE_CALLS_EXAMPLE).data)

describe('normalisation', () => {
  it('takes page numbers from the request when the answer leaves them out, and a null list as empty', () => {
    const page = normalizePage({ list: null }, { pageNum: 3, pageSize: 20 }, (row) => row)
    expect(page).toEqual({ pageNum: 3, pageSize: 20, total: null, pages: null, items: [] })
  })

  it('reads paging numbers sent as strings', () => {
    const page = normalizePage(
      { pageNum: '2', pageSize: '10', total: '46', pages: '5', list: [] },
      { pageNum: 1, pageSize: 1 },
      (r) => r,
    )
    expect(page).toMatchObject({ pageNum: 2, pageSize: 10, total: 46, pages: 5 })
  })

  it('counts redials from secondaryCallTimes and ignores the 1970 "no redial time" placeholder', () => {
    const [first, second] = doneCalls().list ?? []
    expect(first?.secondaryCallTime).toMatch(/^1970-01-01/)
    expect(normalizeCallSummary(first!, 62).redialTimes).toBe(0)
    expect(normalizeCallSummary(second!, 62).redialTimes).toBe(1)
    expect(normalizeCallSummary(second!, 62)).not.toHaveProperty('secondaryCallTime')
  })

  it('keeps a result with no value as an empty string, drops one with no name, and nulls an empty recording URL', () => {
    const row = doneCalls().list![0]!
    const call = normalizeCallSummary(
      {
        ...row,
        luyinOssUrl: '',
        resultList: [
          { name: '客户意向等级', value: null },
          { name: null, value: 'A' },
        ],
      },
      62,
    )
    expect(call.results).toEqual([{ name: '客户意向等级', value: '', desc: null }])
    expect(call.recordingUrl).toBeNull()
  })

  it('fills a task detail that has not run yet: nulls and empty lists, never zeros', () => {
    const raw = rawTaskDetailSchema.parse({
      callJobId: '19',
      jobName: 'new',
      totalCount: null,
      durationStat: null,
      extraStat: null,
      callPhones: [{ phone: null }, { phone: 13333333333, jobPhoneId: '26' }],
    })
    const detail = normalizeTaskDetail(raw, 7)
    expect(detail).toMatchObject({ taskId: 19, companyId: 7, totalCount: null, doneCount: null, status: null })
    expect(detail.durationStat).toEqual([])
    expect(detail.extraStat).toEqual({})
    expect(detail.callerLines).toEqual([{ jobPhoneId: 26, userPhoneId: null, phone: '13333333333', phoneName: null }])
  })
})
