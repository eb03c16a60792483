import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeAudio } from './decode-audio'
import { computePeaks } from './peaks'
import { NotAudioError, PeaksPool } from './peaks-pool'

const demoAudio = join(import.meta.dirname, '../../../resources/demo/audio')
const mp3s = () =>
  readdirSync(demoAudio)
    .filter((name) => name.endsWith('.mp3'))
    .map((name) => readFileSync(join(demoAudio, name)))
const dir = mkdtempSync(join(tmpdir(), 'calllens-peaks-pool-'))
const pool = new PeaksPool(2)
afterAll(async () => {
  await pool.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the peaks pool (worker threads)', () => {
  it('gives exactly the peaks the main thread computes, the sha256, and the file, for MP3s asked for at once', async () => {
    const files = mp3s().slice(0, 4)
    expect(files.length).toBeGreaterThan(1)
    // The pool takes the bytes (transferred to the worker): each gets a copy of its own.
    const digests = await Promise.all(files.map((file, i) => pool.digest(new Uint8Array(file), join(dir, `${i}.mp3`))))
    for (const [i, file] of files.entries()) {
      const here = computePeaks(await decodeAudio(file))
      expect(digests[i]!.durationMs).toBe(here.durationMs)
      expect(digests[i]!.sampleRate).toBe(here.sampleRate)
      expect(digests[i]!.peaks).toEqual(here.peaks)
      expect(digests[i]!.sha256).toBe(createHash('sha256').update(file).digest('hex'))
      expect(readFileSync(join(dir, `${i}.mp3`)).equals(file)).toBe(true)
    }
  })

  it('fails bytes that are not audio with NotAudioError, writes nothing, and goes on serving the next', async () => {
    const bad = pool.digest(new TextEncoder().encode('<html>502 Bad Gateway</html>'), join(dir, 'bad.mp3'))
    await expect(bad).rejects.toBeInstanceOf(NotAudioError)
    expect(existsSync(join(dir, 'bad.mp3'))).toBe(false)
    expect((await pool.digest(new Uint8Array(mp3s()[0]!), join(dir, 'next.mp3'))).durationMs).toBeGreaterThan(1000)
  })

  it('fails a write to a directory it cannot create as a plain error, not as "not audio"', async () => {
    const blocked = join(dir, 'next.mp3', 'below', 'x.mp3') // a file where a directory would be
    const failing = pool.digest(new Uint8Array(mp3s()[0]!), blocked)
    await expect(failing).rejects.toThrow()
    await expect(failing).rejects.not.toBeInstanceOf(NotAudioError)
  })

  it('fails the jobs of a closed pool rather than leaving them pending', async () => {
    const closing = new PeaksPool(1)
    const file = mp3s()[0]!
    const pending = expect(closing.digest(new Uint8Array(file), join(dir, 'c1.mp3'))).rejects.toThrow(/closed/)
    const queued = expect(closing.digest(new Uint8Array(file), join(dir, 'c2.mp3'))).rejects.toThrow(/closed/)
    await closing.close()
    await pending
    await queued
  })
})
