// Turns a call filter into SQL conditions over `calls c`, shared by the list query and facets.
// Indexed search terms are the exception: their matches are computed once per text (SearchMatches)
// and read through the SQL function search_matched.
// Review state, verdicts and tag checks read the attached reviews file (schema `rv`), so both files
// filter together. Conversation facts are columns of calls (conversation-facts.ts).
import type { CallFilter, TagCheckFilter } from '../../shared/contract/calls'
import { MEASURED } from './conversation-facts'
import { bigramQuery } from './bigrams'
import { TRIGRAM_MIN_CHARS, charCount, likeContains, searchTerms } from './sql-text'

/**
 * The calls to count (totals, facets) under a filter. Reviewed calls and verdicts are found from
 * the reviews file (never more rows than calls); anything else reads the narrow covering index, so
 * a count is one bounded pass. Left to itself, the planner may pick an equality index
 * (finish_status = 0 matches most calls) and then fetch every matching row from the table.
 */
export function countedCalls(filter: CallFilter): string {
  const fromReviews =
    filter.reviewState === 'reviewed' ||
    (filter.verdicts?.length ?? 0) > 0 ||
    (filter.tagChecks ?? []).some((check) => check.state !== 'unchecked')
  // One AI line's calls are found through calls_last_ai_line.
  return fromReviews || filter.lastAiLine !== undefined ? 'calls c' : 'calls c INDEXED BY calls_facet'
}

/**
 * What "reviewed" means, everywhere it is counted (the list's filter, the task list's and the calls
 * page's progress, the task export): the call's review has a verdict; a note alone does not count.
 */
export const REVIEWED_CALL_IDS = 'SELECT call_id FROM rv.reviews WHERE verdict IS NOT NULL'

/** Whether the search text's indexed terms match the call; SearchMatches.prepare sets what it answers. */
const SEARCH_MATCHED = 'search_matched(c.call_id)'

export interface SqlWhere {
  /** `WHERE …` or '' when nothing constrains the calls. */
  sql: string
  params: unknown[]
}

/** Tag filters merged by name (two entries for one name OR their values); empty groups dropped. */
export function tagGroups(filter: CallFilter): Map<string, string[]> {
  const groups = new Map<string, Set<string>>()
  for (const { name, values } of filter.tags ?? []) {
    if (values.length === 0) continue
    const set = groups.get(name) ?? new Set<string>()
    for (const v of values) set.add(v)
    groups.set(name, set)
  }
  return new Map([...groups].map(([name, set]) => [name, [...set]]))
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ')
}

/**
 * A call matches a search term when the term is in its transcript, customer name or phone, or
 * in the reviewer's note or comments. Terms an index can answer (3+ characters: trigram; 1–2
 * letters or digits: bigrams) go through SearchMatches (search_matched). The rest (short terms with punctuation,
 * such as %) fall back to LIKE, written as per-call probes (the calls row, the call's transcript
 * lines by primary key) so that it only scans calls the indexed filters have already let through.
 */
function likeCondition(term: string, params: unknown[]): string {
  const like = likeContains(term)
  params.push(like, like, like, like, like)
  return `(c.customer_name LIKE ? ESCAPE '\\' OR c.customer_telephone LIKE ? ESCAPE '\\'
    OR EXISTS (SELECT 1 FROM transcript_lines t WHERE t.call_id = c.call_id AND t.content LIKE ? ESCAPE '\\')
    OR c.call_id IN (SELECT rowid FROM rv.review_fts WHERE text LIKE ? ESCAPE '\\' OR comments LIKE ? ESCAPE '\\'))`
}

/** A check's value the reviewer stands by (tag-accuracy.ts's reviewerValue), over `json_each(tag_checks) j`. */
const REVIEWER_VALUE = `CASE j.value ->> 'status' WHEN 'confirmed' THEN j.value ->> 'robotValue' ELSE j.value ->> 'correctedValue' END`

/**
 * One tagChecks entry. A check is one (name, robot value) judgement, so a call with two values of
 * a name has two. 'unchecked': the call has a result (name, value) — value = robotValue when given —
 * that no check of the call's review judges; it has no reviewer value, so with reviewerValue it
 * matches nothing. Any other state, or none (checked in any way): one check of the call's review
 * has that name, state, robot value and reviewer value (each when given), so robotValue and
 * reviewerValue together pick one cell of the confusion matrix.
 */
function tagCheckCondition(check: TagCheckFilter, params: unknown[]): string {
  if (check.state === 'unchecked') {
    if (check.reviewerValue !== undefined) return '0'
    params.push(check.name)
    if (check.robotValue !== undefined) params.push(check.robotValue)
    return `EXISTS (SELECT 1 FROM tag_set_members m WHERE m.set_id = c.tag_set_id AND m.name = ?
      ${check.robotValue === undefined ? '' : 'AND m.value = ?'}
      AND NOT EXISTS (SELECT 1 FROM rv.reviews r, json_each(r.tag_checks) j WHERE r.call_id = c.call_id
        AND j.value ->> 'name' = m.name AND j.value ->> 'robotValue' = m.value))`
  }
  const conditions = [`j.value ->> 'name' = ?`]
  params.push(check.name)
  if (check.state !== undefined) {
    conditions.push(`j.value ->> 'status' = ?`)
    params.push(check.state)
  }
  if (check.robotValue !== undefined) {
    conditions.push(`j.value ->> 'robotValue' = ?`)
    params.push(check.robotValue)
  }
  if (check.reviewerValue !== undefined) {
    conditions.push(`${REVIEWER_VALUE} = ?`)
    params.push(check.reviewerValue)
  }
  return `c.call_id IN (SELECT r.call_id FROM rv.reviews r, json_each(r.tag_checks) j WHERE ${conditions.join(' AND ')})`
}

/**
 * The conversation facts (conversation-facts.ts): a call without a stored detail has none, so it
 * matches neither "has" nor "has not", and no bound. hungUpBy reads the detail's hang_up only for
 * measured calls, so every fact filter counts the calls the insight report counts.
 */
function factConditions(filter: CallFilter, conditions: string[], params: unknown[]): void {
  const bound = (condition: string, value: number | string | undefined) => {
    if (value === undefined) return
    conditions.push(condition)
    params.push(value)
  }
  if (filter.hasBargeIn !== undefined) conditions.push(filter.hasBargeIn ? 'c.barge_ins > 0' : 'c.barge_ins = 0')
  if (filter.hasAiUnknown !== undefined)
    conditions.push(filter.hasAiUnknown ? 'c.ai_unknown_lines > 0' : 'c.ai_unknown_lines = 0')
  bound('c.max_silence_ms >= ?', filter.silenceMinMs)
  bound('c.max_silence_ms <= ?', filter.silenceMaxMs)
  bound('c.ai_latency_max_ms >= ?', filter.aiLatencyMinMs)
  bound('c.ai_latency_max_ms <= ?', filter.aiLatencyMaxMs)
  if (filter.hungUpBy !== undefined) bound(`c.hang_up = ? AND ${MEASURED}`, filter.hungUpBy === 'ai' ? 0 : 1)
  bound('c.last_ai_line = ?', filter.lastAiLine)
}

/** Whether the trigram or the bigram index can answer the term. */
export function isIndexedTerm(term: string): boolean {
  return charCount(term) >= TRIGRAM_MIN_CHARS || bigramQuery(term) !== null
}

export function filterWhere(filter: CallFilter, options: { excludeTagName?: string } = {}): SqlWhere {
  const conditions: string[] = []
  const params: unknown[] = []
  const bound = (condition: string, value: number | string | undefined) => {
    if (value === undefined) return
    conditions.push(condition)
    params.push(value)
  }
  bound('c.task_id = ?', filter.taskId)
  for (const [name, values] of tagGroups(filter)) {
    if (name === options.excludeTagName) continue
    conditions.push(
      `c.tag_set_id IN (SELECT set_id FROM tag_set_members WHERE name = ? AND value IN (${placeholders(values.length)}))`,
    )
    params.push(name, ...values)
  }
  bound('c.duration_sec >= ?', filter.durationMin)
  bound('c.duration_sec <= ?', filter.durationMax)
  bound('c.chat_round >= ?', filter.chatRoundMin)
  bound('c.chat_round <= ?', filter.chatRoundMax)
  if (filter.finishStatus && filter.finishStatus.length > 0) {
    // The unary + keeps the planner off calls_finish_status: without statistics it takes the
    // equality for selective, but "answered" is most calls, and fetching each (700,000 at 1M calls)
    // to sort them cost seconds where walking the sort index meets the page's rows soon.
    conditions.push(`+c.finish_status IN (${placeholders(filter.finishStatus.length)})`)
    params.push(...filter.finishStatus)
  }
  bound('c.start_time >= ?', filter.startFrom)
  bound('c.start_time <= ?', filter.startTo)
  if (filter.reviewState === 'reviewed') {
    conditions.push(`c.call_id IN (${REVIEWED_CALL_IDS})`)
  } else if (filter.reviewState === 'unreviewed') {
    conditions.push(`c.call_id NOT IN (${REVIEWED_CALL_IDS})`)
  }
  if (filter.verdicts && filter.verdicts.length > 0) {
    conditions.push(
      `c.call_id IN (SELECT call_id FROM rv.reviews WHERE verdict IN (${placeholders(filter.verdicts.length)}))`,
    )
    params.push(...filter.verdicts)
  }
  factConditions(filter, conditions, params)
  for (const check of filter.tagChecks ?? []) conditions.push(tagCheckCondition(check, params))
  const terms = searchTerms(filter.text ?? '')
  if (terms.some(isIndexedTerm)) {
    // A common word matches a third of the calls: walking the sort index meets them soon. A page
    // query adds SearchMatches.drivingCondition to start from the matches when they are few.
    conditions.push(SEARCH_MATCHED)
  }
  // Unindexed text last: SQLite evaluates the cheap, indexed conditions above first.
  for (const term of terms) if (!isIndexedTerm(term)) conditions.push(likeCondition(term, params))
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params }
}
