import { describe, expect, it } from 'vitest'
import { highlightParts, matchRanges, searchTerms, snippetAround } from './text-search'

const marked = (text: string, query: string) =>
  highlightParts(text, searchTerms(query))
    .map((p) => (p.hit ? `[${p.text}]` : p.text))
    .join('')

describe('highlightParts', () => {
  it('marks every occurrence of a term, ignoring case as the cache search does', () => {
    expect(marked('Price? The PRICE is the price.', 'price')).toBe('[Price]? The [PRICE] is the [price].')
  })

  it('keeps full-width and half-width letters apart, as the trigram index does', () => {
    expect(marked('ＡＢＣ and ABC', 'abc')).toBe('ＡＢＣ and [ABC]')
  })

  it('marks Chinese terms of one or more characters inside a line', () => {
    expect(marked('价格太贵了，这个价格不行', '价格')).toBe('[价格]太贵了，这个[价格]不行')
    expect(marked('价格太贵了', '贵')).toBe('价格太[贵]了')
  })

  it('merges overlapping and adjacent matches of one or several terms into one mark', () => {
    expect(marked('aaaa b', 'aa')).toBe('[aaaa] b')
    expect(marked('abcdef', 'abc cde')).toBe('[abcde]f')
    expect(marked('abcdef', 'abc def')).toBe('[abcdef]')
    expect(matchRanges('abab', ['ab', 'ab'])).toEqual([[0, 4]])
  })

  it('returns hostile text as plain parts, markup and all, for rendering as text', () => {
    const hostile = '<img src=x onerror=alert(1)> <script>alert("x")</script>'
    expect(highlightParts(hostile, ['script'])).toEqual([
      { text: '<img src=x onerror=alert(1)> <', hit: false },
      { text: 'script', hit: true },
      { text: '>alert("x")</', hit: false },
      { text: 'script', hit: true },
      { text: '>', hit: false },
    ])
    expect(marked('a.*b (a.*b)', 'a.*b')).toBe('[a.*b] ([a.*b])')
  })

  it('keeps the text whole when nothing matches or there are no terms, and offsets right after emoji and İ', () => {
    expect(highlightParts('hello', [])).toEqual([{ text: 'hello', hit: false }])
    expect(highlightParts('', ['x'])).toEqual([{ text: '', hit: false }])
    expect(marked('😀İstanbul price', 'price')).toBe('😀İstanbul [price]')
  })
})

describe('snippetAround', () => {
  it('cuts a long line around its first match, with ellipses where it was cut', () => {
    const line = `${'开头'.repeat(40)}这里说到价格太贵${'结尾'.repeat(40)}`
    const snippet = snippetAround(line, ['价格'], 30, 5)
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet.endsWith('…')).toBe(true)
    expect(snippet).toContain('价格太贵')
    expect(snippet.length).toBe(32)
  })

  it('keeps a short line whole, on one line', () => {
    expect(snippetAround('您好\n价格多少', ['价格'])).toBe('您好 价格多少')
  })
})
