import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatHlc } from './hlc'
import {
  applyWrites,
  canonicalReview,
  DELETED,
  emptySyncedReview,
  opWrites,
  reviewFromState,
  type FieldWrite,
  type ReviewContent,
} from './merge'
import { diffReview } from './review-ops'

const hlc = fc
  .record({
    wallMs: fc.integer({ min: 0, max: 4 }),
    counter: fc.integer({ min: 0, max: 2 }),
    device: fc.constantFrom('a', 'b'),
  })
  .map(formatHlc)
const value = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y'), fc.boolean())

const write: fc.Arbitrary<FieldWrite> = fc.oneof(
  fc.record({
    entity: fc.constant('review' as const),
    key: fc.constant(null),
    field: fc.constantFrom('verdict', 'score', 'note'),
    value,
    hlc,
  }),
  fc.record({
    entity: fc.constant('comment' as const),
    key: fc.constantFrom('c1', 'c2'),
    field: fc.constantFrom('text', 'atMs', DELETED),
    value,
    hlc,
  }),
  fc.record({
    entity: fc.constant('tag_check' as const),
    key: fc.constantFrom('意向', '有房'),
    field: fc.constantFrom('status', 'removed'),
    value,
    hlc,
  }),
)
const writes = fc.array(write, { maxLength: 30 })
/** The same writes in two orders. */
const reordered = writes.chain((ws) =>
  fc.tuple(fc.constant(ws), fc.shuffledSubarray(ws, { minLength: ws.length, maxLength: ws.length })),
)

const empty = emptySyncedReview()

describe('merge rules', () => {
  it('give the same state whatever order the writes arrive in (commutative)', () => {
    fc.assert(
      fc.property(reordered, ([a, b]) => {
        expect(applyWrites(empty, b)).toEqual(applyWrites(empty, a))
      }),
    )
  })

  it('give the same state however the writes are split into batches, in any batch order (associative)', () => {
    fc.assert(
      fc.property(writes, writes, writes, (a, b, c) => {
        const inBatches = applyWrites(applyWrites(applyWrites(empty, c), a), b)
        expect(inBatches).toEqual(applyWrites(empty, [...a, ...b, ...c]))
      }),
    )
  })

  it('change nothing when writes are applied again (idempotent), whole or in part', () => {
    fc.assert(
      fc.property(
        writes.chain((ws) => fc.tuple(fc.constant(ws), fc.subarray(ws))),
        ([all, replayed]) => {
          const once = applyWrites(empty, all)
          expect(applyWrites(once, all)).toEqual(once)
          expect(applyWrites(once, replayed)).toEqual(once)
        },
      ),
    )
  })

  it('keep, per field, the value of the write with the latest clock', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, hlc), { minLength: 1, maxLength: 20 }), (pairs) => {
        const unique = [...new Map(pairs.map(([v, h]) => [h, v])).entries()]
        const state = applyWrites(
          empty,
          unique.map(([h, v]) => ({ entity: 'review', key: null, field: 'verdict', value: v, hlc: h })),
        )
        const latest = unique.reduce((a, b) => (b[0] > a[0] ? b : a))
        expect(state.review.verdict).toEqual({ value: latest[1], hlc: latest[0] })
      }),
    )
  })

  it('let a comment delete win over any edit, earlier or later', () => {
    const created: FieldWrite[] = [
      {
        entity: 'comment',
        key: 'c1',
        field: 'atMs',
        value: 1000,
        hlc: formatHlc({ wallMs: 1, counter: 0, device: 'a' }),
      },
      {
        entity: 'comment',
        key: 'c1',
        field: 'createdAt',
        value: 'now',
        hlc: formatHlc({ wallMs: 1, counter: 0, device: 'a' }),
      },
    ]
    const deleted: FieldWrite = {
      entity: 'comment',
      key: 'c1',
      field: DELETED,
      value: true,
      hlc: formatHlc({ wallMs: 2, counter: 0, device: 'b' }),
    }
    const laterEdit: FieldWrite = {
      entity: 'comment',
      key: 'c1',
      field: 'text',
      value: 'still here?',
      hlc: formatHlc({ wallMs: 9, counter: 0, device: 'a' }),
    }
    expect(reviewFromState(1, applyWrites(empty, created)).comments).toHaveLength(1)
    expect(reviewFromState(1, applyWrites(empty, [...created, deleted, laterEdit])).comments).toEqual([])
    expect(reviewFromState(1, applyWrites(empty, [laterEdit, deleted, ...created])).comments).toEqual([])
  })
})

// Reviews as the renderer saves them, from small pools so that edits collide.
const comment = (id: string) =>
  fc.record({
    id: fc.constant(id),
    atMs: fc.integer({ min: 0, max: 3 }).map((s) => s * 1000),
    endMs: fc.constant(null),
    lineIndex: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    text: fc.constantFrom('', '太快', '没确认身份'),
    category: fc.option(fc.constantFrom('话术问题', '流程'), { nil: null }),
    createdAt: fc.constantFrom('2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'),
  })
const tagCheck = (name: string) =>
  fc.oneof(
    fc.record({
      name: fc.constant(name),
      robotValue: fc.constantFrom('是', '否'),
      status: fc.constant('confirmed' as const),
      correctedValue: fc.constant(null),
    }),
    fc.record({
      name: fc.constant(name),
      robotValue: fc.constantFrom('是', '否'),
      status: fc.constant('corrected' as const),
      correctedValue: fc.constantFrom('否', '不确定'),
    }),
    fc.record({
      name: fc.constant(name),
      robotValue: fc.constant(''),
      status: fc.constant('missed' as const),
      correctedValue: fc.constant('是'),
    }),
  )
const review: fc.Arbitrary<ReviewContent> = fc.record({
  callInstanceId: fc.constant(7),
  verdict: fc.constantFrom(null, 'pass', 'fail', 'follow_up'),
  score: fc.option(fc.constantFrom(60, 72.5, 100), { nil: null }),
  tags: fc.subarray(['语速过快', '未确认身份', '答非所问']),
  text: fc.constantFrom('', '客户问到利率', '客户问到利率时答非所问'),
  comments: fc.subarray(['c1', 'c2', 'c3']).chain((ids) => fc.tuple(...ids.map(comment))),
  tagChecks: fc.subarray(['意向', '有房']).chain((names) => fc.tuple(...names.map(tagCheck))),
})

describe('review ops', () => {
  it('take the synced state of one review to the next one saved', () => {
    fc.assert(
      fc.property(review, review, (before, after) => {
        const first = diffReview(null, before, formatHlc({ wallMs: 1, counter: 0, device: 'a' }))
        const state = applyWrites(empty, first.flatMap(opWrites))
        expect(reviewFromState(7, state)).toEqual(canonicalReview(before))
        const second = diffReview(before, after, formatHlc({ wallMs: 2, counter: 0, device: 'a' }))
        expect(reviewFromState(7, applyWrites(state, second.flatMap(opWrites)))).toEqual(canonicalReview(after))
      }),
    )
  })

  it('are none for a save that changed nothing, and name only what changed', () => {
    const clock = formatHlc({ wallMs: 1, counter: 0, device: 'a' })
    const base: ReviewContent = {
      callInstanceId: 7,
      verdict: 'pass',
      score: 80,
      tags: [],
      text: '好',
      comments: [{ id: 'c1', atMs: 1000, endMs: 2000, lineIndex: 1, text: '慢', category: null, createdAt: 'then' }],
      tagChecks: [{ name: '有房', robotValue: '是', status: 'confirmed', correctedValue: null }],
    }
    expect(diffReview(base, base, clock)).toEqual([])
    const ops = diffReview(
      base,
      { ...base, verdict: 'fail', comments: [{ ...base.comments[0]!, endMs: 3000 }], tagChecks: [] },
      clock,
    )
    expect(ops.map(({ opId: _opId, ...op }) => op)).toEqual([
      { callId: 7, sessionId: null, hlc: clock, entity: 'review', fields: { verdict: 'fail' } },
      {
        callId: 7,
        sessionId: null,
        hlc: clock,
        entity: 'comment',
        key: 'c1',
        fields: { atMs: 1000, endMs: 3000 },
        deleted: false,
      },
      { callId: 7, sessionId: null, hlc: clock, entity: 'tag_check', key: '有房', fields: { removed: true } },
    ])
    expect(new Set(ops.map((op) => op.opId)).size).toBe(3)
  })
})
