// Facet counts for the tag filter panel: per result name and value, the calls matching every
// other active filter. A name's own tag filter is left out when counting that name's values.
import type { CallFacets, CallFilter } from '../../shared/contract/calls'
import type { Db } from './database'
import { filterWhere, tagGroups } from './call-filter-sql'

type Counts = Map<string, Map<string, number>>

function countValues(db: Db, filter: CallFilter, excludeTagName?: string, onlyName?: string): Counts {
  const where = filterWhere(filter, { excludeTagName })
  const conditions: string[] = []
  const params: unknown[] = []
  if (onlyName !== undefined) {
    conditions.push('r.name = ?')
    params.push(onlyName)
  }
  // With no filter at all, skip the subquery and let the (name, value, call_id) index do the work.
  if (where.sql) {
    conditions.push(`r.call_id IN (SELECT c.call_id FROM calls c ${where.sql})`)
    params.push(...where.params)
  }
  const rows = db
    .prepare(
      // DISTINCT: a call may carry the same name/value pair twice.
      `SELECT r.name, r.value, count(DISTINCT r.call_id) AS n FROM call_results r
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       GROUP BY r.name, r.value`,
    )
    .all(...params) as { name: string; value: string; n: number }[]
  const counts: Counts = new Map()
  for (const { name, value, n } of rows) {
    const values = counts.get(name) ?? new Map<string, number>()
    values.set(value, n)
    counts.set(name, values)
  }
  return counts
}

export function callFacets(db: Db, filter: CallFilter): CallFacets {
  return db
    .transaction(() => {
      const where = filterWhere(filter)
      const total = (db.prepare(`SELECT count(*) AS n FROM calls c ${where.sql}`).get(...where.params) as { n: number })
        .n
      const counts = countValues(db, filter)
      for (const [name, selected] of tagGroups(filter)) {
        const own = countValues(db, filter, name, name).get(name) ?? new Map<string, number>()
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
