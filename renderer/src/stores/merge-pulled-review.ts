// A review pulled from the member's other device, met with the draft on screen: what the reviewer
// changed here since the last stored version stays, everything else takes the pulled version — so
// an unsaved edit is never lost and the draft's next save does not undo the other device's edit
// (the save replaces the whole review). Comments and tag checks merge item by item, as the team
// server does (a comment missing from a save is a deletion there).
import type { ReviewDraft } from './review-draft'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The pulled items, with this side's additions, edits and removals since `base` laid over them. */
function mergeItems<T>(base: T[], local: T[], pulled: T[], key: (item: T) => string): T[] {
  const before = new Map(base.map((item) => [key(item), item]))
  const mine = new Map(local.map((item) => [key(item), item]))
  const merged = new Map(pulled.map((item) => [key(item), item]))
  for (const [id, item] of mine) {
    const was = before.get(id)
    if (was === undefined || !same(was, item)) merged.set(id, item)
  }
  for (const id of before.keys()) if (!mine.has(id)) merged.delete(id)
  return [...merged.values()]
}

/**
 * `base`: the review as last stored when the draft was taken from it (or saved); `local`: the draft
 * on screen; `pulled`: the review stored now, with the other device's edits merged in.
 */
export function mergePulledReview(base: ReviewDraft, local: ReviewDraft, pulled: ReviewDraft): ReviewDraft {
  const field = <K extends 'verdict' | 'score' | 'tags' | 'text'>(name: K): ReviewDraft[K] =>
    same(local[name], base[name]) ? pulled[name] : local[name]
  return {
    callInstanceId: local.callInstanceId,
    verdict: field('verdict'),
    score: field('score'),
    tags: field('tags'),
    text: field('text'),
    comments: mergeItems(base.comments, local.comments, pulled.comments, (c) => c.id).sort((a, b) => a.atMs - b.atMs),
    tagChecks: mergeItems(base.tagChecks, local.tagChecks, pulled.tagChecks, (t) => t.name),
  }
}
