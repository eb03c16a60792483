// The calls list's filters as route query parameters, so a filtered list is a link:
// `#/calls?task=12&tag=客户意向等级:A级(较强)&tag=客户意向等级:B级(一般)&dmin=30&q=价格`.
import type { CallFilterInput, CallSortInput } from '@shared/contract'
import {
  CALL_SORT_FIELDS,
  DEFAULT_CALL_SORT,
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
  if (sort && (sort.field !== DEFAULT_CALL_SORT.field || sort.direction !== DEFAULT_CALL_SORT.direction)) {
    query.sort = sort.field ?? DEFAULT_CALL_SORT.field
    query.dir = sort.direction ?? DEFAULT_CALL_SORT.direction
  }
  return query
}
