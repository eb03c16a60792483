import { describe, expect, it } from 'vitest'
import { EventBus } from '../events/event-bus'
import { SyncProgressTracker } from './sync-progress'

describe('the sync progress', () => {
  it('lists at most 200 failed calls but every failed task, and counts them all', () => {
    const tracker = new SyncProgressTracker(new EventBus(), {
      jobId: 'j',
      profileId: 'p',
      scope: 'all',
      taskId: null,
      callInstanceId: null,
    })
    for (let id = 1; id <= 250; id++) {
      tracker.addError({ callInstanceId: id, taskId: 7, code: 'api_timeout', message: 'timed out' })
    }
    tracker.addError({ callInstanceId: null, taskId: 8, taskName: '回访二期', code: 'api_forbidden', message: '403' })
    const { errors } = tracker.finish('partial')
    expect(errors).toHaveLength(201)
    expect(errors.at(-1)).toMatchObject({ taskId: 8, taskName: '回访二期' })
    expect(tracker.errorTotal).toBe(251)
  })
})
