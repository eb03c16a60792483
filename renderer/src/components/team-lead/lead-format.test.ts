import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from '../../i18n/en'
import { kappa, overdueFor, percent } from './lead-format'

const i18n = createI18n({ legacy: false, locale: 'en', messages: { en } })
const t = (key: string, named: Record<string, unknown>) => i18n.global.t(key, named)

describe("the lead's page formats", () => {
  it('write shares and kappa as the Insights page does', () => {
    expect(percent(1 / 3)).toBe('33.3%')
    expect(percent(1)).toBe('100.0%')
    expect(kappa(-0.125)).toBe('-0.13')
  })

  it('say how long ago a lease ran out in its two largest units', () => {
    expect(overdueFor(59, t)).toBe('under a minute')
    expect(overdueFor(3600, t)).toBe('1 h')
    expect(overdueFor(3600 + 5 * 60 + 7, t)).toBe('1 h 5 min')
    expect(overdueFor(2 * 86_400 + 3 * 3600 + 59 * 60, t)).toBe('2 d 3 h')
    expect(overdueFor(86_400 + 60, t)).toBe('1 d 1 min')
  })
})
