// A call's name and phone are found by 1–2 character terms through calls_bigrams, which no trigger
// keeps (bigram_text is a function of the app's connections): CallStore rewrites the row whenever
// a list row or a detail changes the pair, and skips it when a detail leaves the pair as stored.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeDetail, makeSummary, makeTask, openTempCache } from '../../test-support/cache-fixtures'

const NAMES = ['欧阳', '司马', null]
const PHONES = ['137', null]
const TERMS = ['欧', '阳', '司', '马', '欧阳', '司马', '阳司', '37', '13', '1', '7']

const write = fc.record({
  kind: fc.constantFrom('list' as const, 'detail' as const),
  id: fc.integer({ min: 1, max: 2 }),
  name: fc.constantFrom(...NAMES),
  phone: fc.constantFrom(...PHONES),
})

describe("a call's name and phone in the short-term index", () => {
  it('follow every list row and detail that changes them, and stay when a detail does not', () => {
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 12 }), (writes) => {
        const { cache } = openTempCache({ warmUp: false })
        try {
          cache.upsertTasks([makeTask(1)])
          const ids = new Set<number>()
          for (const w of writes) {
            const summary = makeSummary(w.id, { customerName: w.name, customerTelephone: w.phone })
            if (w.kind === 'list') cache.upsertCallSummaries(1, [summary])
            // A detail may come for a call no list has shown (a single call fetched by id).
            else cache.saveCallDetail(makeDetail(summary, ['好']))
            ids.add(w.id)
          }
          // What the rows hold (a list row the stored fingerprint already has leaves a detail's values).
          const stored = [...ids].map((id) => cache.getCall(id)!.call)
          for (const term of TERMS) {
            const expected = stored.filter(
              (c) => (c.customerName ?? '').includes(term) || (c.customerTelephone ?? '').includes(term),
            ).length
            expect(cache.queryCalls({ text: term }).total, term).toBe(expected)
          }
        } finally {
          cache.close()
        }
      }),
      { numRuns: 100 },
    )
  })
})
