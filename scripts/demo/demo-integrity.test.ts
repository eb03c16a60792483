// The bundled demo (resources/demo) against its own audio: the dataset is valid, every file it
// names exists, and every timed line sits where the recording actually has that speech.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { MPEGDecoder } from 'mpg123-decoder'
import { describe, expect, it } from 'vitest'
import { simDatasetSchema, type SimCall, type SimDataset, type SimPhoneLog } from '../../electron/sim/dataset/schema'
import { mp3Info } from './mp3-duration'

const DEMO_DIR = join(import.meta.dirname, '..', '..', 'resources', 'demo')
const MAX_BYTES = 5 * 1024 * 1024

const dataset: SimDataset = simDatasetSchema.parse(JSON.parse(readFileSync(join(DEMO_DIR, 'dataset.json'), 'utf8')))
const recorded = dataset.calls.filter((call) => call.recording !== null)
const audioBytes = (file: string): Uint8Array => new Uint8Array(readFileSync(join(DEMO_DIR, file)))
const seconds = (file: string): number => mp3Info(audioBytes(file)).durationSeconds
const isUntimed = (log: SimPhoneLog): boolean => log.startTime === 0 && log.endTime === 0
const timedLines = (call: SimCall): SimPhoneLog[] => call.phoneLogs.filter((log) => !isUntimed(log))

function totalSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name)
    return sum + (entry.isDirectory() ? totalSize(path) : statSync(path).size)
  }, 0)
}

describe('the bundled demo dataset', () => {
  it('has answered and unanswered calls, in tasks that exist, with the demo key barred from one company', () => {
    const taskIds = new Set(dataset.tasks.map((task) => task.callJobId))
    for (const call of dataset.calls) expect(taskIds.has(call.callJobId), `call ${call.callInstanceId}`).toBe(true)
    expect(recorded.length).toBeGreaterThan(30)
    expect(dataset.calls.some((call) => call.finishStatus !== 0)).toBe(true)
    const granted = new Set(dataset.credentials.flatMap((credential) => credential.companyIds))
    expect(dataset.companies.some((company) => !granted.has(company.companyId))).toBe(true)
  })

  it('names only recordings that exist', () => {
    for (const call of dataset.calls) {
      for (const file of [call.recording, call.userRecording]) {
        if (file !== null) expect(existsSync(join(DEMO_DIR, file)), file).toBe(true)
      }
    }
  })

  it('gives unanswered calls no recording, no transcript and no duration', () => {
    for (const call of dataset.calls.filter((c) => c.finishStatus !== 0)) {
      expect(call.recording, `call ${call.callInstanceId}`).toBeNull()
      expect(call.userRecording).toBeNull()
      expect(call.phoneLogs).toEqual([])
      expect(call.duration).toBe(0)
    }
  })

  it('gives each recorded call the duration of its recording, within 1 s', () => {
    for (const call of recorded) {
      expect(
        Math.abs(seconds(call.recording as string) - call.duration),
        `call ${call.callInstanceId}`,
      ).toBeLessThanOrEqual(1)
      if (call.userRecording) expect(Math.abs(seconds(call.userRecording) - call.duration)).toBeLessThanOrEqual(1)
    }
  })

  it('has a call over five minutes', () => {
    expect(recorded.some((call) => call.duration > 300 && seconds(call.recording as string) > 300)).toBe(true)
  })

  it('places every timed line inside its recording, in order, with no two lines of one speaker overlapping', () => {
    for (const call of recorded) {
      const lengthMs = seconds(call.recording as string) * 1000
      const bySpeaker = new Map<string, number>()
      for (const log of timedLines(call)) {
        const where = `call ${call.callInstanceId} line ${log.sceneInstanceLogId}`
        expect(log.startTime, where).toBeGreaterThanOrEqual(0)
        expect(log.endTime, where).toBeGreaterThan(log.startTime)
        expect(log.endTime, where).toBeLessThanOrEqual(lengthMs)
        expect(log.startTime, where).toBeGreaterThanOrEqual(bySpeaker.get(log.speaker) ?? 0)
        bySpeaker.set(log.speaker, log.endTime)
      }
    }
  })

  it('leaves the AI lines untimed (0/0) in some calls, as the platform does', () => {
    const untimed = recorded.filter((call) => call.phoneLogs.some((log) => log.speaker === 'AI' && isUntimed(log)))
    expect(untimed.length).toBeGreaterThan(0)
    expect(untimed.length).toBeLessThan(recorded.length)
  })

  it('stays under 5 MB', () => {
    expect(totalSize(DEMO_DIR)).toBeLessThan(MAX_BYTES)
  })
})

/** What is left of a span once the given lines' spans are cut out of it. */
function spanMinus(span: [number, number], lines: SimPhoneLog[]): [number, number][] {
  let left: [number, number][] = [span]
  for (const line of lines) {
    left = left.flatMap(([from, to]): [number, number][] =>
      line.endTime <= from || line.startTime >= to
        ? [[from, to]]
        : ([
            [from, line.startTime],
            [line.endTime, to],
          ].filter(([a, b]) => (b as number) > (a as number)) as [number, number][]),
    )
  }
  return left
}

describe('the demo recordings', () => {
  async function pcm(file: string): Promise<{ samples: Float32Array; rate: number }> {
    // One decoder per file: a reused one (even after reset) can get stuck on the next stream.
    const decoder = new MPEGDecoder()
    await decoder.ready
    try {
      const decoded = decoder.decode(audioBytes(file))
      return { samples: decoded.channelData[0] as Float32Array, rate: decoded.sampleRate }
    } finally {
      decoder.free()
    }
  }

  /** Loudness between two times (ms), skipping a margin at both ends for the codec's smearing. */
  function rms(audio: { samples: Float32Array; rate: number }, fromMs: number, toMs: number): number {
    const from = Math.round(((fromMs + 80) * audio.rate) / 1000)
    const to = Math.min(audio.samples.length, Math.round(((toMs - 80) * audio.rate) / 1000))
    let sum = 0
    for (let i = from; i < to; i++) sum += (audio.samples[i] as number) ** 2
    return Math.sqrt(sum / Math.max(1, to - from))
  }

  it('carry speech exactly where the transcript says a timed line is, and silence between lines', async () => {
    for (const call of recorded) {
      const audio = await pcm(call.recording as string)
      // Until where something has been said so far (a barge-in may end before the AI line it cut into).
      let spokenUntil = 0
      call.phoneLogs.forEach((log, index) => {
        if (isUntimed(log)) return
        const where = `call ${call.callInstanceId} line ${log.sceneInstanceLogId}`
        if (log.endTime - log.startTime > 400)
          expect(rms(audio, log.startTime, log.endTime), where).toBeGreaterThan(0.02)
        spokenUntil = Math.max(spokenUntil, log.endTime)
        // The pause before the next line is silent, when both lines say where they are.
        const next = call.phoneLogs[index + 1]
        if (next && !isUntimed(next) && next.startTime - spokenUntil > 300) {
          expect(rms(audio, spokenUntil, next.startTime), `${where}, the pause after it`).toBeLessThan(0.005)
        }
      })
    }
  })

  it('have customers barging in: their line starts inside the AI line before it, both voices heard there', async () => {
    const bargeIns = recorded.flatMap((call) =>
      timedLines(call).flatMap((log, index, lines) => {
        const before = lines[index - 1]
        return log.speaker === 'ME' && before?.speaker === 'AI' && log.startTime < before.endTime
          ? [{ call, log, before }]
          : []
      }),
    )
    expect(bargeIns.length).toBeGreaterThan(5)
    for (const { call, log, before } of bargeIns) {
      expect(log.startTime, `call ${call.callInstanceId} line ${log.sceneInstanceLogId}`).toBeGreaterThan(
        before.startTime,
      )
    }
  })

  it("hold only the customer's lines in the customer track", async () => {
    const withTrack = recorded.filter((call) => call.userRecording !== null)
    expect(withTrack.length).toBeGreaterThan(0)
    for (const call of withTrack) {
      const audio = await pcm(call.userRecording as string)
      const customerLines = timedLines(call).filter((log) => log.speaker === 'ME')
      for (const log of timedLines(call)) {
        const where = `call ${call.callInstanceId} line ${log.sceneInstanceLogId}`
        if (log.speaker === 'ME') {
          if (log.endTime - log.startTime > 400)
            expect(rms(audio, log.startTime, log.endTime), where).toBeGreaterThan(0.02)
          continue
        }
        // An AI line is silent in the customer's track, but where the customer barged in.
        for (const [from, to] of spanMinus([log.startTime, log.endTime], customerLines)) {
          if (to - from > 400) expect(rms(audio, from, to), `${where} ${from}–${to} ms`).toBeLessThan(0.005)
        }
      }
    }
  })
})
