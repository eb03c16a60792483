// A generated done call: a few numbers kept in memory, everything else (identity, results,
// transcript, recording) derived on demand from (seed, callInstanceId), so 100k calls stay cheap.
import type { SimTask } from './schema'
import { personFor, type Person } from './people'
import { createRng, type Rng } from './prng'
import { INTENT_NAME, INTENT_VALUES, attitudeOfIntent, sceneForDefId, type Scene } from './scenes'
import { formatCst } from './time-format'
import { buildTranscript } from './transcript'
import type {
  CallEntry,
  CallInstance,
  CallTranscript,
  RecordingSource,
  RecordingTrack,
  SimResult,
} from '../store/types'

/** finishStatus weights, 0 (answered) … 9 (caller in arrears). */
const FINISH_WEIGHTS = [60, 8, 8, 2, 3, 4, 4, 2, 8, 1]

export interface CallShape {
  finishStatus: number
  duration: number
  chatRound: number
}

/** The numbers filters and stats need, drawn up front for every call. */
export function drawCallShape(rng: Rng): CallShape {
  const finishStatus = rng.weighted(FINISH_WEIGHTS)
  if (finishStatus !== 0) return { finishStatus, duration: 0, chatRound: 0 }
  const bucket = rng.weighted([30, 40, 20, 10])
  const duration =
    bucket === 0 ? rng.int(2, 9) : bucket === 1 ? rng.int(10, 59) : bucket === 2 ? rng.int(60, 119) : rng.int(120, 300)
  const chatRound =
    duration < 7 ? 1 : duration < 10 ? 2 : Math.min(Math.max(Math.round(duration / 8) + rng.int(-1, 2), 2), 25)
  return { finishStatus, duration, chatRound }
}

/** Intent leans with the length of the talk: long calls are the interested ones. */
function drawIntent(rng: Rng, duration: number): number {
  if (duration < 10) return rng.weighted([0, 1, 3, 4, 1, 5])
  if (duration < 60) return rng.weighted([1, 3, 3, 2, 3, 2])
  return rng.weighted([4, 4, 1, 1, 2, 1])
}

function drawResults(rng: Rng, scene: Scene, duration: number): SimResult[] {
  const intent = drawIntent(rng, duration)
  const attitude = attitudeOfIntent(intent)
  const results: SimResult[] = [
    {
      resultName: INTENT_NAME,
      resultValue: INTENT_VALUES[intent] as string,
      resultDesc: rng.chance(0.4) ? rng.pick(scene.descriptions[attitude]) : null,
    },
  ]
  for (const extra of scene.extras) {
    if (extra.multi) {
      const count = attitude === 'negative' ? rng.int(0, 1) : rng.int(0, 3)
      const values = [...extra.values].sort(() => rng.next() - 0.5).slice(0, count)
      for (const value of values) results.push({ resultName: extra.name, resultValue: value, resultDesc: null })
    } else {
      const choices = extra.byAttitude?.[attitude] ?? extra.values.map((_, i) => i)
      const value = extra.values[rng.pick(choices)] as string
      results.push({ resultName: extra.name, resultValue: value, resultDesc: null })
    }
  }
  return results
}

export class SynthCall implements CallEntry {
  readonly callJobId: number
  readonly companyId: number
  private cachedResults: SimResult[] | null = null

  constructor(
    private readonly seed: number,
    private readonly task: SimTask,
    readonly callInstanceId: number,
    readonly finishStatus: number,
    readonly duration: number,
    readonly chatRound: number,
    readonly endedAt: number,
    private readonly person: Person | null = null,
  ) {
    this.callJobId = task.callJobId
    this.companyId = task.companyId
  }

  private get scene(): Scene {
    return sceneForDefId(this.task.sceneDefId)
  }

  private get answered(): boolean {
    return this.finishStatus === 0
  }

  instance(): CallInstance {
    const rng = createRng(this.seed, this.callInstanceId, 2)
    const person = this.person ?? personFor(this.seed, this.callInstanceId)
    const scene = this.scene
    const ringSec = this.answered ? rng.int(1, 3) : rng.int(15, 45)
    const redial = !this.answered && rng.chance(0.3)
    const untilRedial = rng.int(1, 48) * 1800_000
    // 1970-01-01 plus some time of day means "no redial", as the real platform sends it.
    const noRedial = formatCst(rng.int(0, 86_399) * 1000 - 8 * 3600_000)
    const props: Record<string, string> = {}
    for (const key of scene.propertyKeys) if (rng.chance(0.7)) props[key] = `${key}-${rng.int(100, 999)}`
    const attitude = this.answered ? attitudeOfIntent(this.intentIndex()) : null
    return {
      callInstanceId: this.callInstanceId,
      callJobId: this.callJobId,
      companyId: this.companyId,
      customerId: person.customerId,
      customerTelephone: person.customerTelephone,
      customerName: person.customerName,
      status: redial ? 3 : 2,
      finishStatus: this.finishStatus,
      duration: this.duration,
      chatRound: this.chatRound,
      startTime: formatCst(this.endedAt - (this.duration + ringSec) * 1000),
      endTime: formatCst(this.endedAt),
      callerPhone: this.task.callPhones.length > 0 ? rng.pick(this.task.callPhones).phone : '',
      properties: JSON.stringify(props),
      handlePerson: scene.sceneRecordName.replace(/\(.*\)$/, ''),
      callType: rng.chance(0.8) ? 1 : 0,
      readStatus: rng.chance(0.3) ? 1 : 0,
      robotDefId: scene.robotDefId,
      sceneDefId: this.task.sceneDefId,
      sceneRecordId: scene.sceneRecordId,
      hangUp: attitude === null ? null : attitude === 'negative' ? (rng.chance(0.8) ? 1 : 0) : rng.chance(0.3) ? 1 : 0,
      secondaryCallTime: redial ? formatCst(this.endedAt + untilRedial) : noRedial,
      secondaryCallTimes: redial ? rng.int(1, 2) : rng.chance(0.1) ? 1 : 0,
    }
  }

  private intentIndex(): number {
    const value = this.results()[0]?.resultValue
    return Math.max(
      INTENT_VALUES.findIndex((v) => v === value),
      0,
    )
  }

  results(): readonly SimResult[] {
    // An unanswered call was never analysed.
    if (!this.answered) return []
    this.cachedResults ??= drawResults(createRng(this.seed, this.callInstanceId, 3), this.scene, this.duration)
    return this.cachedResults
  }

  transcript(): CallTranscript {
    if (!this.answered) return { phoneLogs: [], speech: [] }
    const rng = createRng(this.seed, this.callInstanceId, 4)
    return buildTranscript({
      rng,
      scene: this.scene,
      attitude: attitudeOfIntent(this.intentIndex()),
      durationSec: this.duration,
      chatRound: this.chatRound,
      aiLinesUntimed: rng.chance(0.3),
      firstLogId: this.callInstanceId * 100,
    })
  }

  recordingExt(_track: RecordingTrack): 'wav' | null {
    return this.answered && this.duration > 0 ? 'wav' : null
  }

  recording(track: RecordingTrack): RecordingSource | null {
    if (this.recordingExt(track) === null) return null
    const speech = this.transcript().speech ?? []
    const segments = track === 'user' ? speech.filter((s) => s.speaker === 'ME') : speech
    return { kind: 'synth', ext: 'wav', durationMs: this.duration * 1000, segments }
  }
}
