import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { startTestServer } from '../../test-support/byrobot-test-server'
import { toneWav } from '../../test-support/tone-wav'
import { decodeAudio } from './decode-audio'
import { computePeaks } from './peaks'
import { NotAudioError, PeaksPool } from './peaks-pool'
import { demoMp3s } from '../../test-support/demo-audio'

const mp3s = demoMp3s
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

  it('fetches recordings itself: the main thread gets the headers and the digest, never the bytes', async () => {
    const wav = toneWav(20) // 640 KB of audio; its peaks are 8 KB
    const server = await startTestServer(() => ({ body: wav, headers: { 'content-type': 'audio/wav' } }))
    const own = new PeaksPool(1)
    // Every message a worker sends this thread passes through Worker#emit('message', …).
    const emit = vi.spyOn(Worker.prototype, 'emit')
    try {
      const signal = new AbortController().signal
      const answers = await Promise.all([1, 2, 3].map((i) => own.fetch(new URL(`${server.origin}/${i}.wav`), signal)))
      const saved = await Promise.all(
        answers.map((answer, i) => (answer.ok ? answer.body.save(join(dir, `fetched-${i}.wav`)) : answer)),
      )
      for (const [i, one] of saved.entries()) {
        expect(one).toMatchObject({ bytes: wav.length, sha256: createHash('sha256').update(wav).digest('hex') })
        expect(readFileSync(join(dir, `fetched-${i}.wav`)).equals(wav)).toBe(true)
      }
      const received = emit.mock.calls.filter(([event]) => event === 'message').map(([, message]) => message)
      expect(received.length).toBeGreaterThanOrEqual(6) // headers and digest, for each
      expect(bytesIn(received)).toBeLessThan(wav.length / 10)
    } finally {
      emit.mockRestore()
      await own.close()
      await server.close()
    }
  })

  it('fails the fetches of a closed pool rather than leaving them pending', async () => {
    const server = await startTestServer(() => ({ hang: true }))
    const closing = new PeaksPool(1)
    try {
      const pending = expect(
        closing.fetch(new URL(`${server.origin}/held.wav`), new AbortController().signal),
      ).rejects.toThrow(/closed/)
      await expect.poll(() => server.requests.length).toBe(1)
      await closing.close()
      await pending
    } finally {
      await server.close()
    }
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

/** Bytes of every typed array and ArrayBuffer inside the messages. */
function bytesIn(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength
  if (value instanceof ArrayBuffer) return value.byteLength
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, v) => sum + bytesIn(v), 0)
  return 0
}
