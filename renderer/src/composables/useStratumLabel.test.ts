import { describe, expect, it } from 'vitest'
import { DURATION_BUCKETS } from '@shared/contract'
import en from '../i18n/en'
import zhCN from '../i18n/zh-CN'

// Keys built at runtime (`queues.duration.${bucket}`) escape the type check on t(); check them here.
describe.each([
  ['zh-CN', zhCN],
  ['en', en],
])('the %s queue strata strings', (_name, messages) => {
  it('name every duration bucket, dimension and who hung up', () => {
    for (const bucket of DURATION_BUCKETS) expect(messages.queues.duration[bucket.id], bucket.id).toMatch(/\S/)
    for (const kind of ['duration', 'finishStatus', 'hungUpBy'] as const) {
      expect(messages.queues.dimension[kind]).toMatch(/\S/)
    }
    for (const side of ['ai', 'customer'] as const) expect(messages.queues.hungUpBy[side]).toMatch(/\S/)
  })
})
