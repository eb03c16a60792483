import { describe, expect, it } from 'vitest'
import { peaksFromBase64, toPlayerRecording } from './peaks'

/** Base64 of the values' little-endian Float32 bytes, as main sends them. */
function encode(values: number[]): string {
  return btoa(String.fromCharCode(...new Uint8Array(new Float32Array(values).buffer)))
}

describe('peaks from the contract', () => {
  it('are the Float32 values main read from the cache, value for value', () => {
    const values = [0.5, -0.25, 1, -1, 0.00012, 1 / 3]
    expect(peaksFromBase64(encode(values))).toEqual(new Float32Array(values))
  })

  it('are empty when sync computed none, and drop a torn trailing value', () => {
    expect(peaksFromBase64('')).toEqual(new Float32Array())
    const torn = btoa(atob(encode([0.5, -0.5])).slice(0, 6))
    expect(peaksFromBase64(torn)).toEqual(new Float32Array([0.5]))
  })

  it('replace the base64 field of a recording, and a missing recording stays missing', () => {
    const recording = toPlayerRecording({
      kind: 'full',
      url: '/media/1/full',
      durationMs: 20,
      peaksBase64: encode([1, -1]),
      peaksPerSecond: 100,
    })
    expect(recording).toEqual({
      kind: 'full',
      url: '/media/1/full',
      durationMs: 20,
      peaks: new Float32Array([1, -1]),
      peaksPerSecond: 100,
    })
    expect(toPlayerRecording(null)).toBeNull()
  })
})
