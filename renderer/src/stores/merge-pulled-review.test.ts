import { describe, expect, it } from 'vitest'
import { mergePulledReview } from './merge-pulled-review'
import type { ReviewDraft } from './review-draft'

const comment = (id: string, atMs: number, text: string) => ({
  id,
  atMs,
  endMs: null,
  lineIndex: null,
  text,
  category: null,
  createdAt: '2026-12-05T00:00:00.000Z',
})
const base: ReviewDraft = {
  callInstanceId: 7,
  verdict: 'pass',
  score: 80,
  tags: ['礼貌'],
  text: '原来的笔记',
  comments: [comment('c1', 1000, '一'), comment('c2', 2000, '二')],
  tagChecks: [{ name: '意向', robotValue: 'A级', status: 'confirmed', correctedValue: null }],
}

describe('a pulled review met with the draft on screen', () => {
  it('takes the pulled review whole when nothing was changed here', () => {
    const pulled = { ...base, verdict: 'fail' as const, text: '另一台写的', comments: [comment('c3', 500, '三')] }
    expect(mergePulledReview(base, base, pulled)).toEqual(pulled)
  })

  it('keeps the draft whole when the pulled review is what it started from', () => {
    const local = { ...base, score: 20, text: '我正在写', comments: [comment('c1', 1000, '一改')] }
    expect(mergePulledReview(base, local, base)).toEqual(local)
  })

  it('keeps the fields edited here and takes the others from the other device', () => {
    const local = { ...base, text: '我正在写' }
    const pulled = { ...base, verdict: 'follow_up' as const, text: '另一台写的', score: 10 }
    expect(mergePulledReview(base, local, pulled)).toEqual({
      ...base,
      verdict: 'follow_up',
      score: 10,
      text: '我正在写',
    })
  })

  it('merges comments one by one: both sides’ additions stay, a removal here stays removed, an edit here wins', () => {
    const local = { ...base, comments: [comment('c1', 1000, '一改'), comment('c4', 4000, '四')] } // c2 removed here
    const pulled = { ...base, comments: [...base.comments, comment('c3', 3000, '三')] }
    expect(mergePulledReview(base, local, pulled).comments.map((c) => `${c.id}:${c.text}`)).toEqual([
      'c1:一改',
      'c3:三',
      'c4:四',
    ])
  })

  it('merges tag checks by name', () => {
    const local = {
      ...base,
      tagChecks: [
        ...base.tagChecks,
        { name: '性别', robotValue: '男', status: 'confirmed' as const, correctedValue: null },
      ],
    }
    const pulled = {
      ...base,
      tagChecks: [{ name: '意向', robotValue: 'A级', status: 'corrected' as const, correctedValue: 'B级' }],
    }
    expect(mergePulledReview(base, local, pulled).tagChecks).toEqual([
      { name: '意向', robotValue: 'A级', status: 'corrected', correctedValue: 'B级' },
      { name: '性别', robotValue: '男', status: 'confirmed', correctedValue: null },
    ])
  })
})
