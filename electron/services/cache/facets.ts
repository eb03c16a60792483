// Facet counts for the tag filter panel: per result name and value, the calls matching every
// other active filter. A name's own tag filter is left out when counting that name's values.
// Matching calls are counted per tag set (tag-sets.ts) in one pass, then each set's count is
// added to each of its tags: no join from the matches to their results.
import type { CallFacets, CallFilter } from '../../shared/contract/calls'
import type { Db } from './database'
import { filterWhere, tagGroups } from './call-filter-sql'
import { callsCounted, countSets, type MatchCounts, type SetCount } from './match-counts'
import type { SearchMatches } from './search-matches'

type Counts = Map<string, Map<string, number>>

function tagCounts(db: Db, sets: readonly SetCount[], onlyName?: string): Counts {
  const callsPerSet = new Map(sets.map(({ id, n }) => [id, n]))
  const ids = sets.flatMap(({ id }) => (id === null ? [] : [id]))
  const members = db
    .prepare(
      `SELECT set_id, name, value FROM tag_set_members WHERE set_id IN (SELECT value FROM json_each(?))
       ${onlyName === undefined ? '' : 'AND name = ?'}`,
    )
    .all(JSON.stringify(ids), ...(onlyName === undefined ? [] : [onlyName])) as {
    set_id: number
    name: string
    value: string
  }[]
  const counts: Counts = new Map()
  for (const { set_id, name, value } of members) {
    const values = counts.get(name) ?? new Map<string, number>()
    values.set(value, (values.get(value) ?? 0) + (callsPerSet.get(set_id) ?? 0))
    counts.set(name, values)
  }
  return counts
}

function factCounts(sets: readonly SetCount[]): CallFacets['facts'] {
  const sum = (key: 'barge_in' | 'ai_unknown' | 'by_customer' | 'by_ai') => sets.reduce((n, set) => n + set[key], 0)
  return {
    bargeIn: sum('barge_in'),
    aiUnknown: sum('ai_unknown'),
    hungUpByCustomer: sum('by_customer'),
    hungUpByAi: sum('by_ai'),
  }
}

/**
 * Checks per name and state among the matching calls, read from the reviews (far fewer than the
 * calls): each reviewed call is looked up by id and tested against the filter.
 */
function tagCheckCounts(db: Db, filter: CallFilter): CallFacets['tagChecks'] {
  const where = filterWhere(filter)
  const rows = db
    .prepare(
      `SELECT j.value ->> 'name' AS name, j.value ->> 'status' AS status, count(DISTINCT r.call_id) AS n
       FROM rv.reviews r CROSS JOIN calls c CROSS JOIN json_each(r.tag_checks) j
       WHERE c.call_id = r.call_id ${where.sql ? `AND ${where.sql.slice('WHERE '.length)}` : ''}
       GROUP BY 1, 2 ORDER BY 1`,
    )
    .all(...where.params) as { name: string; status: 'confirmed' | 'corrected' | 'missed'; n: number }[]
  const byName = new Map<string, CallFacets['tagChecks'][number]>()
  for (const { name, status, n } of rows) {
    const entry = byName.get(name) ?? { name, confirmed: 0, corrected: 0, missed: 0 }
    entry[status] = n
    byName.set(name, entry)
  }
  return [...byName.values()]
}

export function callFacets(db: Db, search: SearchMatches, matchCounts: MatchCounts, filter: CallFilter): CallFacets {
  return db
    .transaction(() => {
      search.prepare(filter.text)
      const sets = matchCounts.perSet(filter)
      const total = callsCounted(sets)
      const counts = tagCounts(db, sets)
      for (const [name, selected] of tagGroups(filter)) {
        const own =
          tagCounts(db, countSets(db, filter, name, undefined, matchCounts.counter()), name).get(name) ??
          new Map<string, number>()
        // A ticked value stays visible with 0 so the reviewer can untick it.
        for (const value of selected) if (!own.has(value)) own.set(value, 0)
        counts.set(name, own)
      }
      const results = [...counts]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, values]) => ({
          name,
          values: [...values]
            .sort(([va, a], [vb, b]) => b - a || va.localeCompare(vb))
            .map(([value, count]) => ({ value, count })),
        }))
      return { total, results, facts: factCounts(sets), tagChecks: tagCheckCounts(db, filter) }
    })
    .deferred()
}
