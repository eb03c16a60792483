import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { NotAudioError, PeaksPool } from './peaks-pool'
import { peaksOfRecording } from './recording-peaks'

const demoAudio = join(import.meta.dirname, '../../../resources/demo/audio')
const pool = new PeaksPool(2)
afterAll(() => pool.close())

describe('the peaks pool (worker threads)', () => {
  it('gives exactly the peaks the main thread computes, for MP3s asked for at once', async () => {
    const files = readdirSync(demoAudio)
      .filter((name) => name.endsWith('.mp3'))
      .slice(0, 4)
      .map((name) => readFileSync(join(demoAudio, name)))
    expect(files.length).toBeGreaterThan(1)
    const inWorkers = await Promise.all(files.map((file) => pool.compute(file)))
    for (const [i, file] of files.entries()) {
      const here = await peaksOfRecording(file)
      expect(inWorkers[i]!.durationMs).toBe(here.durationMs)
      expect(inWorkers[i]!.sampleRate).toBe(here.sampleRate)
      expect(inWorkers[i]!.peaks).toEqual(here.peaks)
    }
  })

  it('fails bytes that are not audio with NotAudioError, and goes on serving the next', async () => {
    const bad = pool.compute(new TextEncoder().encode('<html>502 Bad Gateway</html>'))
    await expect(bad).rejects.toBeInstanceOf(NotAudioError)
    const file = readFileSync(
      join(
        demoAudio,
        readdirSync(demoAudio).find((name) => name.endsWith('.mp3'))!,
      ),
    )
    expect((await pool.compute(file)).durationMs).toBeGreaterThan(1000)
  })

  it('fails the jobs of a closed pool rather than leaving them pending', async () => {
    const closing = new PeaksPool(1)
    const file = readFileSync(
      join(
        demoAudio,
        readdirSync(demoAudio).find((name) => name.endsWith('.mp3'))!,
      ),
    )
    const pending = expect(closing.compute(file)).rejects.toThrow(/closed/)
    const queued = expect(closing.compute(file)).rejects.toThrow(/closed/)
    await closing.close()
    await pending
    await queued
  })
})
