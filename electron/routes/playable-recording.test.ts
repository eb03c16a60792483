import { describe, expect, it } from 'vitest'
import { playableRecordingSchema } from '../shared/contract'
import { makeDetail, makeRecording, makeSummary, makeTask, openTempCache } from '../test-support/cache-fixtures'
import { isPlayable, peaksToBase64, playableRecording } from './playable-recording'

const mediaUrl = (id: number, kind: string) => `/media/${id}/${kind}`
/** What the renderer does with the string (renderer/src/api/peaks.ts), in Node. */
const peaksFromBase64 = (base64: string) => new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer)

function cacheWithCall(recordings = [makeRecording(42)]) {
  const temp = openTempCache()
  temp.cache.upsertTasks([makeTask(1)])
  const summary = makeSummary(42)
  temp.cache.upsertCallSummaries(1, [summary])
  temp.cache.saveCallDetail(makeDetail(summary), recordings)
  return temp.cache
}

describe('a recording as the player takes it', () => {
  it('carries the cached peaks as base64 bytes the renderer reads back value for value', () => {
    const cache = cacheWithCall()
    const recording = playableRecording(cache, mediaUrl, cache.getCall(42)!, 'full')
    expect(playableRecordingSchema.safeParse(recording).success).toBe(true)
    expect(recording).toMatchObject({ kind: 'full', url: '/media/42/full', durationMs: 60_000 })
    expect(peaksFromBase64(recording!.peaksBase64)).toEqual(new Float32Array([0.5, -0.25, 1, -1]))
    cache.close()
  })

  it('serves the coarsest level that meets the resolution asked for, and says which', () => {
    const cache = cacheWithCall()
    const call = cache.getCall(42)!
    // 4 stored values: at least 2 in all halves them, signed-max rule (the first of largest magnitude).
    const coarse = playableRecording(cache, mediaUrl, call, 'full', { perSecond: 1, atLeast: 2 })
    expect(playableRecordingSchema.safeParse(coarse).success).toBe(true)
    expect(coarse?.peaksPerSecond).toBe(50)
    expect(peaksFromBase64(coarse!.peaksBase64)).toEqual(new Float32Array([0.5, 1]))
    // Finer than stored, or nothing asked: all of them, at 100 a second.
    for (const resolution of [{ perSecond: 100, atLeast: 1 }, undefined]) {
      const fine = playableRecording(cache, mediaUrl, call, 'full', resolution)
      expect(fine?.peaksPerSecond).toBe(100)
      expect(peaksFromBase64(fine!.peaksBase64)).toEqual(new Float32Array([0.5, -0.25, 1, -1]))
    }
    cache.close()
  })

  it('keeps a peak that JSON with three decimals would have rounded away', () => {
    const peaks = new Float32Array([0.00012, -0.99991, 1 / 3])
    expect(peaksFromBase64(peaksToBase64(peaks))).toEqual(peaks)
    // A view into a larger buffer sends only its own values.
    expect(peaksFromBase64(peaksToBase64(new Float32Array([9, 0.5, -0.5, 9]).subarray(1, 3)))).toEqual(
      new Float32Array([0.5, -0.5]),
    )
  })

  it('sends empty peaks when sync computed none, and nothing for a track that is not cached', () => {
    const cache = cacheWithCall([makeRecording(42, { kind: 'customer', path: 'recordings/42c.mp3', peaks: null })])
    const call = cache.getCall(42)!
    const customer = playableRecording(cache, mediaUrl, call, 'customer')
    expect(customer?.peaksBase64).toBe('')
    expect(peaksFromBase64('')).toEqual(new Float32Array())
    expect(playableRecording(cache, mediaUrl, call, 'full')).toBeNull()
    expect([isPlayable(cache, call, 'customer'), isPlayable(cache, call, 'full')]).toEqual([true, false])
    cache.close()
  })
})
