import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { channel } from './channel'
import { lazySchema } from './lazy-schema'
import { reviewInputSchema, reviewSchema } from './reviews'

const eagerComment = () =>
  z
    .strictObject({ atMs: z.number().int().min(0), endMs: z.number().int().min(0).nullable() })
    .refine((c) => c.endMs === null || c.endMs >= c.atMs, { message: 'endMs must not be before atMs', path: ['endMs'] })

describe('a schema built on first use', () => {
  it('is not built until it is used, then once', () => {
    const build = vi.fn(eagerComment)
    const comment = lazySchema(build)
    const list = lazySchema(() => z.array(comment).max(3))
    expect(build).not.toHaveBeenCalled()
    expect(list.parse([{ atMs: 1, endMs: 2 }])).toEqual([{ atMs: 1, endMs: 2 }])
    comment.parse({ atMs: 0, endMs: null })
    expect(build).toHaveBeenCalledTimes(1)
  })

  it('gives exactly the eager schema’s answers, issues included', () => {
    const lazy = lazySchema(eagerComment)
    const eager = eagerComment()
    for (const input of [
      { atMs: 5, endMs: 9 },
      { atMs: 5, endMs: 1 },
      { atMs: -1, endMs: null },
      { atMs: 1 },
      'x',
      null,
    ]) {
      expect(lazy.safeParse(input)).toEqual(eager.safeParse(input))
    }
  })

  it('composes, extends and checks as the schema itself', () => {
    const base = lazySchema(() => z.strictObject({ id: z.number().int().positive() }))
    const extended = base.extend({ name: z.string() })
    expect(Object.keys(extended.shape)).toEqual(['id', 'name'])
    expect(extended.parse({ id: 1, name: 'a' })).toEqual({ id: 1, name: 'a' })
    expect(() => base.parse({ id: 1, name: 'a' })).toThrow()
    expect(base).toBeInstanceOf(z.ZodObject)
    expect(z.object({ inner: base.nullable() }).parse({ inner: null })).toEqual({ inner: null })
  })

  it('the contract’s extended schemas keep the schemas they extend (reviews.save)', () => {
    const input = { callInstanceId: 7, verdict: 'pass' }
    expect(reviewSchema.parse({ ...reviewInputSchema.parse(input), updatedAt: 'now' })).toMatchObject({
      callInstanceId: 7,
      verdict: 'pass',
      tags: [],
      updatedAt: 'now',
    })
    expect(reviewInputSchema.safeParse({ ...input, updatedAt: 'now' }).success).toBe(false)
  })

  it('a channel builds its schemas only when one is used', () => {
    const input = vi.fn(() => z.strictObject({ taskId: z.number() }))
    const output = vi.fn(() => z.string())
    const def = channel(input, output)
    expect(input).not.toHaveBeenCalled()
    expect(def.input.safeParse({ taskId: 1 }).success).toBe(true)
    expect(def.input.safeParse({ taskId: '1' }).success).toBe(false)
    expect(input).toHaveBeenCalledTimes(1)
    expect(output).not.toHaveBeenCalled()
  })
})
