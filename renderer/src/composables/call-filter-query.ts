// The calls list's filters as route query parameters, so a filtered list is a link:
// `#/calls?task=12&tag=客户意向等级:A级(较强)&tag=客户意向等级:B级(一般)&dmin=30&q=价格`.
// Conversation facts: `barge=1`, `unknown=0`, `silmin`/`silmax` and `latmin`/`latmax` in ms,
// `hup=customer`, `lastai=<text>`; a tag check is `check=["<name>","<state>"|null,<robot>|null,<reviewer>|null]`
// (JSON, as any of its values may hold a colon, and an empty robot value differs from none).
import type { CallFilterInput, CallSortInput, TagCheckFilter } from '@shared/contract'
import {
  CALL_SORT_FIELDS,
  DEFAULT_CALL_SORT,
  HUNG_UP_BY,
  TAG_CHECK_STATES,
  REVIEW_STATES,
  SORT_DIRECTIONS,
  VERDICTS,
} from '@shared/contract/constants'

export type RouteQuery = Record<string, string | null | (string | null)[] | undefined>

function all(query: RouteQuery, key: string): string[] {
  const value = query[key]
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '')
}

function one(query: RouteQuery, key: string): string | undefined {
  return all(query, key)[0]
}

function int(query: RouteQuery, key: string): number | undefined {
  const text = one(query, key)
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined
  return Number(text)
}

/** A signed whole number of ms within the contract's ±24 h. */
function ms(query: RouteQuery, key: string): number | undefined {
  const text = one(query, key)
  if (text === undefined || !/^-?\d{1,8}$/.test(text)) return undefined
  const value = Number(text)
  return Math.abs(value) <= 24 * 3600 * 1000 ? value : undefined
}

function flag(query: RouteQuery, key: string): boolean | undefined {
  const text = one(query, key)
  return text === '1' ? true : text === '0' ? false : undefined
}

const FACT_BOUNDS = {
  silmin: 'silenceMinMs',
  silmax: 'silenceMaxMs',
  latmin: 'aiLatencyMinMs',
  latmax: 'aiLatencyMaxMs',
} as const

const optionalText = (v: unknown): v is string | null => v === null || (typeof v === 'string' && v.length <= 200)

/** One `check` parameter, or null when it is not a well-formed one. */
function tagCheckFromParam(param: string): TagCheckFilter | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(param)
  } catch {
    return null
  }
  if (!Array.isArray(parsed) || parsed.length < 1 || parsed.length > 4) return null
  const [name, state = null, robotValue = null, reviewerValue = null] = parsed as unknown[]
  if (typeof name !== 'string' || name === '' || name.length > 200) return null
  const knownState = TAG_CHECK_STATES.find((s) => s === state)
  if (state !== null && knownState === undefined) return null
  if (!optionalText(robotValue) || !optionalText(reviewerValue)) return null
  return {
    name,
    ...(knownState ? { state: knownState } : {}),
    ...(robotValue !== null ? { robotValue } : {}),
    ...(reviewerValue !== null ? { reviewerValue } : {}),
  }
}

function tagCheckParam(check: TagCheckFilter): string {
  return JSON.stringify([check.name, check.state ?? null, check.robotValue ?? null, check.reviewerValue ?? null])
}

export function filterFromQuery(query: RouteQuery): CallFilterInput {
  const filter: CallFilterInput = {}
  const task = int(query, 'task')
  if (task !== undefined && task > 0) filter.taskId = task
  const byName = new Map<string, string[]>()
  for (const tag of all(query, 'tag')) {
    const colon = tag.indexOf(':')
    if (colon <= 0) continue
    const name = tag.slice(0, colon)
    byName.set(name, [...(byName.get(name) ?? []), tag.slice(colon + 1)])
  }
  if (byName.size) filter.tags = [...byName].map(([name, values]) => ({ name, values }))
  const ranges = { dmin: 'durationMin', dmax: 'durationMax', rmin: 'chatRoundMin', rmax: 'chatRoundMax' } as const
  for (const [key, field] of Object.entries(ranges)) {
    const value = int(query, key)
    if (value !== undefined) filter[field] = value
  }
  const finish = all(query, 'fs')
    .filter((v) => /^-?\d{1,4}$/.test(v))
    .map(Number)
  if (finish.length) filter.finishStatus = finish
  const from = one(query, 'from')
  const to = one(query, 'to')
  if (from && /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(from)) filter.startFrom = from
  if (to && /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(to)) filter.startTo = to
  const text = one(query, 'q')
  if (text) filter.text = text.slice(0, 200)
  const review = one(query, 'review')
  const reviewState = REVIEW_STATES.find((state) => state === review)
  if (reviewState) filter.reviewState = reviewState
  const verdicts = all(query, 'verdict').flatMap((v) => VERDICTS.find((verdict) => verdict === v) ?? [])
  if (verdicts.length) filter.verdicts = verdicts
  const barge = flag(query, 'barge')
  if (barge !== undefined) filter.hasBargeIn = barge
  const unknown = flag(query, 'unknown')
  if (unknown !== undefined) filter.hasAiUnknown = unknown
  for (const [key, field] of Object.entries(FACT_BOUNDS)) {
    const value = ms(query, key)
    if (value !== undefined) filter[field] = value
  }
  const hungUpBy = HUNG_UP_BY.find((by) => by === one(query, 'hup'))
  if (hungUpBy) filter.hungUpBy = hungUpBy
  const lastAi = one(query, 'lastai')
  if (lastAi) filter.lastAiLine = lastAi.slice(0, 2000)
  const checks = all(query, 'check').flatMap((param) => tagCheckFromParam(param) ?? [])
  if (checks.length) filter.tagChecks = checks.slice(0, 20)
  return filter
}

export function sortFromQuery(query: RouteQuery): CallSortInput {
  const field = one(query, 'sort')
  const direction = one(query, 'dir')
  return {
    field: CALL_SORT_FIELDS.find((f) => f === field) ?? DEFAULT_CALL_SORT.field,
    direction: SORT_DIRECTIONS.find((d) => d === direction) ?? DEFAULT_CALL_SORT.direction,
  }
}

export function queryFromFilter(filter: CallFilterInput, sort?: CallSortInput): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  if (filter.taskId) query.task = String(filter.taskId)
  const tags = (filter.tags ?? []).flatMap((tag) => tag.values.map((value) => `${tag.name}:${value}`))
  if (tags.length) query.tag = tags
  if (filter.durationMin !== undefined) query.dmin = String(filter.durationMin)
  if (filter.durationMax !== undefined) query.dmax = String(filter.durationMax)
  if (filter.chatRoundMin !== undefined) query.rmin = String(filter.chatRoundMin)
  if (filter.chatRoundMax !== undefined) query.rmax = String(filter.chatRoundMax)
  if (filter.finishStatus?.length) query.fs = filter.finishStatus.map(String)
  if (typeof filter.startFrom === 'string') query.from = filter.startFrom
  if (typeof filter.startTo === 'string') query.to = filter.startTo
  if (filter.text) query.q = filter.text
  if (filter.reviewState) query.review = filter.reviewState
  if (filter.verdicts?.length) query.verdict = [...filter.verdicts]
  if (filter.hasBargeIn !== undefined) query.barge = filter.hasBargeIn ? '1' : '0'
  if (filter.hasAiUnknown !== undefined) query.unknown = filter.hasAiUnknown ? '1' : '0'
  for (const [key, field] of Object.entries(FACT_BOUNDS)) {
    const value = filter[field]
    if (value !== undefined) query[key] = String(value)
  }
  if (filter.hungUpBy) query.hup = filter.hungUpBy
  if (filter.lastAiLine) query.lastai = filter.lastAiLine
  if (filter.tagChecks?.length) query.check = filter.tagChecks.map(tagCheckParam)
  if (sort && (sort.field !== DEFAULT_CALL_SORT.field || sort.direction !== DEFAULT_CALL_SORT.direction)) {
    query.sort = sort.field ?? DEFAULT_CALL_SORT.field
    query.dir = sort.direction ?? DEFAULT_CALL_SORT.direction
  }
  return query
}
