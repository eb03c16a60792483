import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { teamCallRowSchema } from '@shared/contract'
import en from '../../i18n/en'
import zhCN from '../../i18n/zh-CN'
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

// Keys built at runtime (`teamLead.states.${state}`, a column per count) escape the type check on t().
describe.each([
  ['zh-CN', zhCN],
  ['en', en],
])("the %s lead's page strings", (_name, messages) => {
  it('name every claim state and every counted column', () => {
    const states = teamCallRowSchema.shape.state.unwrap().options
    for (const state of [...states, 'overdue', 'none'] as const) expect(messages.teamLead.states[state]).toMatch(/\S/)
    for (const key of ['open', 'overdue', 'done', 'expired', 'released', 'reviewed', 'offLease'] as const) {
      expect(messages.teamLead.progress[key], key).toMatch(/\S/)
    }
    for (const key of ['checked', 'confirmed', 'corrected', 'missed'] as const) {
      expect(messages.teamLead.accuracy[key], key).toMatch(/\S/)
    }
  })
})
