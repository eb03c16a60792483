import { describe, expect, it } from 'vitest'
import { fullValuesFor } from './result-values'

const INTENT = ['A级(较强)', 'B级(一般)', 'C级(无法判断)', 'D级（很少）']

describe('full values of a statistics label', () => {
  it('takes the label itself when it is a known value', () => {
    expect(fullValuesFor('B级(一般)', INTENT)).toEqual(['B级(一般)'])
    expect(fullValuesFor('位置', ['位置', '位置(近)'])).toEqual(['位置'])
  })

  it('maps a short form to the value whose bracketed part or head it is, full-width brackets too', () => {
    expect(fullValuesFor('较强', INTENT)).toEqual(['A级(较强)'])
    expect(fullValuesFor('很少', INTENT)).toEqual(['D级（很少）'])
    expect(fullValuesFor('C级', INTENT)).toEqual(['C级(无法判断)'])
  })

  it('gives every matching value when the short form is ambiguous, and none when nothing fits', () => {
    expect(fullValuesFor('较强', ['A级(较强)', 'A+级(较强)', 'B级(一般)'])).toEqual(['A级(较强)', 'A+级(较强)'])
    expect(fullValuesFor('强', INTENT)).toEqual([])
    expect(fullValuesFor('', INTENT)).toEqual([])
  })
})
