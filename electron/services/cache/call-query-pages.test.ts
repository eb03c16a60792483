// Deep pages: the calls list picks a page's ids first (OFFSET over the sort index alone) and joins
// the rows after. Over random filters, sorts and offsets its pages are exactly what the single
// query it replaced returned — ties, NULLs and review times included.
import fc from 'fast-check'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CALL_SORT_FIELDS,
  callFilterSchema,
  callPageSchema,
  callSortSchema,
  type CallFilterInput,
} from '../../shared/contract/calls'
import { BULK_INTENT, bulkInsertCalls } from '../../test-support/cache-bulk-fixture'
import { SYNTHETIC_LEVELS, openTempCache, type TempCache } from '../../test-support/cache-fixtures'
import { registerBigramFunction } from './bigrams'
import { filterWhere } from './call-filter-sql'
import { orderBySql, ordering } from './call-order'
import { queryCalls } from './call-query'
import { DataVersion } from './data-version'
import { openDatabase, type Db } from './database'
import { MatchCounts } from './match-counts'
import { SearchMatches } from './search-matches'

const CALLS = 3000
let temp: TempCache
let db: Db
let search: SearchMatches
let counts: MatchCounts

/** The list query as it was before the ids were picked first: one statement, joins walked by OFFSET. */
function singleQueryIds(filter: CallFilterInput, sortInput: object, offset: number, limit: number): number[] {
  const where = filterWhere(callFilterSchema.parse(filter))
  return db
    .prepare(
      `SELECT c.call_id FROM calls c
       LEFT JOIN tasks t ON t.task_id = c.task_id
       LEFT JOIN rv.reviews r ON r.call_id = c.call_id
       ${where.sql} ${orderBySql(ordering(callSortSchema.parse(sortInput)))} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...where.params, limit, offset) as number[]
}

beforeAll(() => {
  let clock = 0
  temp = openTempCache({ now: () => new Date(Date.UTC(2026, 2, 1, 0, 0, clock)) })
  const path = join(temp.dir, 'profile-1', 'cache.db')
  bulkInsertCalls(path, { from: 1, to: CALLS, taskIdSql: '1 + id % 3', linesPerCall: 2 })
  db = openDatabase(path, 'NORMAL')
  registerBigramFunction(db)
  // NULLs and repeated values in every sort column, so the order's NULL placement and ties count.
  db.exec(`UPDATE calls SET start_time = NULL WHERE call_id % 17 = 0;
    UPDATE calls SET duration_sec = NULL WHERE call_id % 19 = 0;
    UPDATE calls SET chat_round = NULL WHERE call_id % 23 = 0;
    UPDATE calls SET customer_name = CASE WHEN call_id % 29 = 0 THEN NULL ELSE '客户' || (call_id % 7) END;`)
  // Reviews at few distinct times (ties in the review-time order), some notes without a verdict.
  const verdicts = ['pass', 'fail', 'follow_up'] as const
  for (let id = 5; id <= CALLS; id += 13) {
    clock = id % 5
    temp.cache.saveReview({ callInstanceId: id, ...(id % 4 === 0 ? { text: '备注' } : { verdict: verdicts[id % 3] }) })
  }
  db.prepare('ATTACH DATABASE ? AS rv').run(temp.cache.reviewsPath)
  const version = new DataVersion(db)
  search = new SearchMatches(db, version)
  counts = new MatchCounts(db, version)
})

afterAll(() => {
  db.close()
  temp.cache.close()
})

const filters: fc.Arbitrary<CallFilterInput> = fc.record(
  {
    taskId: fc.integer({ min: 1, max: 3 }),
    tags: fc.constant([{ name: BULK_INTENT, values: [SYNTHETIC_LEVELS[0]!, SYNTHETIC_LEVELS[2]!] }]),
    durationMin: fc.integer({ min: 0, max: 200 }),
    finishStatus: fc.constant([0]),
    reviewState: fc.constantFrom('reviewed' as const, 'unreviewed' as const),
    text: fc.constantFrom('价格太贵', '价格', '您好', '客户3'),
  },
  { requiredKeys: [] },
)

describe('deep pages of the calls list', () => {
  it('are the pages the single query returned, under random filters, sorts and offsets', () => {
    fc.assert(
      fc.property(
        filters,
        fc.constantFrom(...CALL_SORT_FIELDS),
        fc.constantFrom('asc' as const, 'desc' as const),
        // Mostly where a filtered list still has rows; sometimes anywhere, past the end included.
        fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: CALLS + 10 })),
        fc.integer({ min: 1, max: 200 }),
        (filter, field, direction, offset, limit) => {
          const sort = { field, direction }
          const page = queryCalls(
            db,
            search,
            counts,
            callFilterSchema.parse(filter),
            callSortSchema.parse(sort),
            callPageSchema.parse({ offset, limit }),
          )
          // queryCalls filled the search matches for this text; the old query reads the same table.
          expect(page.rows.map((r) => r.callInstanceId)).toEqual(singleQueryIds(filter, sort, offset, limit))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('reach the last call at the end of the unfiltered list', () => {
    const last = queryCalls(
      db,
      search,
      counts,
      callFilterSchema.parse({}),
      callSortSchema.parse({ field: 'startTime', direction: 'desc' }),
      callPageSchema.parse({ offset: CALLS - 5, limit: 200 }),
    )
    expect(last.total).toBe(CALLS)
    expect(last.rows).toHaveLength(5)
    // NULL start times sort last descending; the very last row is the lowest-id NULL one.
    expect(last.rows.at(-1)).toMatchObject({ callInstanceId: 17, startTime: null, taskId: 1 + (17 % 3) })
  })
})
