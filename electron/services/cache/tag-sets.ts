// Each call's distinct result tags, interned as one "tag set" (most calls of a task share a few
// combinations). Facet counts then group the matching calls by one integer column instead of
// joining every match to its results: one pass over a narrow index, whatever the filter.
import type { Db } from './database'

/** The tag-set key of `calls.call_id`: its distinct [name, value] pairs as JSON, sorted. */
const KEY_OF_CALL = `(SELECT json_group_array(json_array(name, value) ORDER BY name, value)
  FROM (SELECT DISTINCT name, value FROM call_results r WHERE r.call_id = calls.call_id))`

const INSERT_MEMBERS = `INSERT OR IGNORE INTO tag_set_members (set_id, name, value)
  SELECT s.id, j.value ->> 0, j.value ->> 1 FROM tag_sets s, json_each(s.key) j`

/** Keeps one call's tag set in step with its results; run after they change, in the same transaction. */
export class TagSetWriter {
  private readonly s

  constructor(db: Db) {
    this.s = {
      key: db.prepare<[number], { key: string }>(`SELECT ${KEY_OF_CALL} AS key FROM calls WHERE call_id = ?`),
      intern: db.prepare('INSERT OR IGNORE INTO tag_sets (key) VALUES (?)'),
      members: db.prepare(`${INSERT_MEMBERS} WHERE s.key = ?`),
      assign: db.prepare('UPDATE calls SET tag_set_id = (SELECT id FROM tag_sets WHERE key = ?) WHERE call_id = ?'),
    }
  }

  assign(callId: number): void {
    const key = this.s.key.get(callId)?.key
    if (key === undefined) return
    if (this.s.intern.run(key).changes > 0) this.s.members.run(key)
    this.s.assign.run(key, callId)
  }
}

/** Sets every call's tag set from its results: the migration's backfill, and bulk fills' finish. */
export function assignAllTagSets(db: Db): void {
  db.transaction(() => {
    db.exec(`INSERT OR IGNORE INTO tag_sets (key) SELECT DISTINCT ${KEY_OF_CALL} FROM calls`)
    db.exec(INSERT_MEMBERS)
    db.exec(`UPDATE calls SET tag_set_id = (SELECT id FROM tag_sets WHERE key = ${KEY_OF_CALL})`)
  })()
}
