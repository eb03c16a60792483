import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../simulator'
import type { CallEntry } from '../store/types'
import { pcmSamples, peak } from '../test-support/wav-samples'

let sim: RunningSimulator
let call: CallEntry
let url: string
let size: number

beforeAll(async () => {
  sim = await startSimulator({ generate: { tasks: 2, calls: 80, seed: 9 } })
  const calls = sim.store.allTasks().flatMap((s) => s.calls)
  // An answered call whose AI lines the transcript reports as 0/0: the audio must still have them.
  const untimed = calls.find(
    (c) =>
      c.finishStatus === 0 &&
      c.chatRound >= 2 &&
      c.transcript().phoneLogs.some((l) => l.speaker === 'AI' && l.startTime === 0 && l.endTime === 0),
  )
  if (!untimed) throw new Error('no call with untimed AI lines')
  call = untimed
  url = `${sim.origin}/recordings/${call.callInstanceId}.wav`
  size = 44 + call.duration * 8000 * 2
})
afterAll(() => sim.close())

describe('recording URLs', () => {
  it('serves the whole file with type, length and range support announced', async () => {
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('audio/wav')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(Number(res.headers.get('content-length'))).toBe(size)
    expect((await res.arrayBuffer()).byteLength).toBe(size)
  })

  it('answers a byte range with 206 and Content-Range, the same bytes as the whole file', async () => {
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer())
    const res = await fetch(url, { headers: { range: 'bytes=1001-5000' } })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe(`bytes 1001-5000/${size}`)
    expect(res.headers.get('content-length')).toBe('4000')
    expect(Buffer.from(await res.arrayBuffer()).equals(whole.subarray(1001, 5001))).toBe(true)
    const tail = await fetch(url, { headers: { range: 'bytes=-10' } })
    expect(tail.status).toBe(206)
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(size - 10))).toBe(true)
  })

  it('answers 416 with the size when the range starts past the end', async () => {
    const res = await fetch(url, { headers: { range: `bytes=${size}-` } })
    expect(res.status).toBe(416)
    expect(res.headers.get('content-range')).toBe(`bytes */${size}`)
  })

  it('answers HEAD with headers only', async () => {
    const res = await fetch(url, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(Number(res.headers.get('content-length'))).toBe(size)
  })

  it('puts sound where each line was really spoken, even lines reported as 0/0', async () => {
    const speech = call.transcript().speech ?? []
    const mix = pcmSamples(Buffer.from(await (await fetch(url)).arrayBuffer()))
    const user = pcmSamples(
      Buffer.from(await (await fetch(`${sim.origin}/recordings/${call.callInstanceId}_user.wav`)).arrayBuffer()),
    )
    expect(user.length).toBe(mix.length)
    speech.forEach((seg, i) => {
      if (seg.endMs - seg.startMs <= 200) return
      const inner = [seg.startMs + 50, seg.endMs - 50] as const
      expect(peak(mix, ...inner)).toBeGreaterThan(1000)
      // A customer barging in talks over the AI line's end: the customer track is silent until then.
      const bargeIn = speech[i + 1]?.bargeIn ? speech[i + 1]!.startMs : null
      if (seg.speaker === 'AI') expect(peak(user, inner[0], Math.min(inner[1], (bargeIn ?? Infinity) - 50))).toBe(0)
      else expect(peak(user, ...inner)).toBeGreaterThan(1000)
    })
    // Before the first line nobody speaks.
    expect(peak(mix, 0, Math.max(0, (speech[0]?.startMs ?? 0) - 1))).toBe(0)
  })

  it('has no recording for an unanswered call, nor for unknown ids or the wrong extension', async () => {
    const unanswered = sim.store
      .allTasks()
      .flatMap((s) => s.calls)
      .find((c) => c.finishStatus !== 0) as CallEntry
    expect((await fetch(`${sim.origin}/recordings/${unanswered.callInstanceId}.wav`)).status).toBe(404)
    expect((await fetch(`${sim.origin}/recordings/1.wav`)).status).toBe(404)
    expect((await fetch(`${sim.origin}/recordings/${call.callInstanceId}.mp3`)).status).toBe(404)
    expect((await fetch(`${sim.origin}/recordings/../dataset.json`)).status).toBe(404)
  })
})
