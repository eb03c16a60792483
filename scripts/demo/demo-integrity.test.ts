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
      call.phoneLogs.forEach((log, index) => {
        if (isUntimed(log)) return
        const where = `call ${call.callInstanceId} line ${log.sceneInstanceLogId}`
        if (log.endTime - log.startTime > 400)
          expect(rms(audio, log.startTime, log.endTime), where).toBeGreaterThan(0.02)
        // The pause to the next line is silent, when both lines say where they are.
        const next = call.phoneLogs[index + 1]
        if (next && !isUntimed(next) && next.startTime - log.endTime > 300) {
          expect(rms(audio, log.endTime, next.startTime), `${where}, the pause after it`).toBeLessThan(0.005)
        }
      })
    }
  })

  it("hold only the customer's lines in the customer track", async () => {
    const withTrack = recorded.filter((call) => call.userRecording !== null)
    expect(withTrack.length).toBeGreaterThan(0)
    for (const call of withTrack) {
      const audio = await pcm(call.userRecording as string)
      for (const log of timedLines(call)) {
        if (log.endTime - log.startTime <= 400) continue
        const level = rms(audio, log.startTime, log.endTime)
        const where = `call ${call.callInstanceId} line ${log.sceneInstanceLogId}`
        if (log.speaker === 'ME') expect(level, where).toBeGreaterThan(0.02)
        else expect(level, where).toBeLessThan(0.005)
      }
    }
  })
})
