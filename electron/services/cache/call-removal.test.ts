// Taking calls out of a cache (a team replica's released calls): nothing of them is left to find —
// rows, search, recordings on disk, an emptied task — while the reviews written on them stay.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeDetail, makeRecording, makeSummary, makeTask, openTempCache } from '../../test-support/cache-fixtures'

describe('removing calls', () => {
  it('leaves no row, search match, recording file or empty task behind, and keeps the reviews', () => {
    const { cache } = openTempCache()
    cache.upsertTasks([makeTask(1), makeTask(2)])
    const kept = makeSummary(10, { taskId: 1, customerName: '王先生' })
    const gone = makeSummary(20, { taskId: 2, customerName: '李女士' })
    cache.saveCallDetail(makeDetail(kept, ['保留的通话']))
    const recording = makeRecording(20)
    const file = join(cache.dataDir, recording.path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, 'audio')
    cache.saveCallDetail(makeDetail(gone, ['要释放的通话', '价格']), [recording])
    cache.saveReview({ callInstanceId: 20, verdict: 'fail', text: '已写的评审' })
    expect(cache.queryCalls({ text: '价' }).total).toBe(1)

    expect(cache.removeCalls([20, 999])).toBe(1)
    expect(cache.cachedCallIds()).toEqual([10])
    expect(cache.getCall(20)).toBeNull()
    // Trigram and bigram search alike find nothing of it.
    expect(cache.queryCalls({ text: '要释放' }).total).toBe(0)
    expect(cache.queryCalls({ text: '价' }).total).toBe(0)
    expect(cache.queryCalls({ text: '李女士' }).total).toBe(0)
    expect(existsSync(file)).toBe(false)
    expect(cache.getReview(20)).toMatchObject({ verdict: 'fail', text: '已写的评审' })

    expect(cache.removeTasksWithoutCalls()).toBe(1)
    expect(cache.listTasks().map((item) => item.task.taskId)).toEqual([1])
    expect(cache.queryCalls({ text: '保留' }).total).toBe(1)
    expect(cache.integrityCheck()).toEqual({ cache: ['ok'], reviews: ['ok'] })
    cache.close()
  })
})
