// Facet counts for the tag filter panel: per result name and value, the calls matching every
// other active filter. A name's own tag filter is left out when counting that name's values.
// Matching calls are counted per tag set (tag-sets.ts) in one pass, then each set's count is
// added to each of its tags: no join from the matches to their results.
import type { CallFacets, CallFilter } from '../../shared/contract/calls'
import type { Db } from './database'
import { tagGroups } from './call-filter-sql'
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

export function callFacets(db: Db, search: SearchMatches, matchCounts: MatchCounts, filter: CallFilter): CallFacets {
  return db
    .transaction(() => {
      search.prepare(filter.text)
      const sets = matchCounts.perSet(filter)
      const total = callsCounted(sets)
      const counts = tagCounts(db, sets)
      for (const [name, selected] of tagGroups(filter)) {
        const own = tagCounts(db, countSets(db, filter, name), name).get(name) ?? new Map<string, number>()
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
      return { total, results }
    })
    .deferred()
}
