import { describe, expect, it } from 'vitest'
import { bigramQuery, bigramText } from './bigrams'

describe('bigram text', () => {
  it('writes each run of letters and digits as its pairs and its last character', () => {
    expect(bigramText('价格太贵了')).toBe('价格 格太 太贵 贵了 了')
    expect(bigramText('您好，价格？')).toBe('您好 好 价格 格')
    expect(bigramText('Hi 5G')).toBe('Hi i 5G G')
    expect(bigramText('车')).toBe('车')
    expect(bigramText('— …  ')).toBe('')
  })

  it('pairs characters, not UTF-16 units', () => {
    expect(bigramText('𠮷野家')).toBe('𠮷野 野家 家')
  })
})

describe('bigram query', () => {
  it('asks for the pair itself, or for a single character as a prefix', () => {
    expect(bigramQuery('价格')).toBe('"价格"')
    expect(bigramQuery('车')).toBe('"车"*')
    expect(bigramQuery('𠮷野')).toBe('"𠮷野"')
  })

  it('leaves to LIKE what the index cannot answer: punctuation, quotes, 3+ characters', () => {
    expect(bigramQuery('%')).toBeNull()
    expect(bigramQuery('a"')).toBeNull()
    expect(bigramQuery('价格贵')).toBeNull()
    expect(bigramQuery('')).toBeNull()
  })
})
