// Builds one call's conversation: who says what, in turns, and when — laid out to fill the
// call's duration exactly, with chatRound AI lines. Pure function of its random stream.
// Some customer answers start before the AI line before them ends (a barge-in): their speech
// segment says so, so tests know how many a call has without measuring the timing themselves.
import type { SimPhoneLog } from './schema'
import type { Rng } from './prng'
import { AI_FALLBACKS, OFF_SCRIPT_QUESTIONS, type Attitude, type Scene } from './scenes'
import type { SpeechSegment } from '../store/types'

interface PlannedLine {
  speaker: 'AI' | 'ME'
  content: string
  userMean: string | null
  userMeanDetail: string | null
  aiUnknown: number
}

export interface TranscriptInput {
  rng: Rng
  scene: Scene
  attitude: Attitude
  durationSec: number
  chatRound: number
  /** The platform gave no timing for AI lines: they are reported 0/0 (the audio still has them). */
  aiLinesUntimed: boolean
  firstLogId: number
}

function customerLine(rng: Rng, scene: Scene, attitude: Attitude, round: number): PlannedLine {
  if (round > 0 && rng.chance(0.06)) {
    return {
      speaker: 'ME',
      content: rng.pick(OFF_SCRIPT_QUESTIONS),
      userMean: null,
      userMeanDetail: null,
      aiUnknown: 0,
    }
  }
  const [content, userMean] =
    round === 0 && rng.chance(0.4) ? [rng.pick(scene.customerGreeting), '~'] : rng.pick(scene.customer[attitude])
  const userMeanDetail = rng.chance(0.3) ? `用户说：${content}；命中分支：${userMean}` : null
  return { speaker: 'ME', content, userMean, userMeanDetail, aiUnknown: 0 }
}

function aiLine(content: string, aiUnknown = 0): PlannedLine {
  return { speaker: 'AI', content, userMean: null, userMeanDetail: null, aiUnknown }
}

function planLines(input: TranscriptInput): PlannedLine[] {
  const { rng, scene, attitude, chatRound } = input
  const lines: PlannedLine[] = []
  if (rng.chance(0.15)) lines.push(customerLine(rng, scene, attitude, 0))
  // Middle lines are drawn without repeats until the pool runs out, as a script would proceed.
  const middle = [...scene.aiMiddle].sort(() => rng.next() - 0.5)
  for (let round = 0; round < chatRound; round++) {
    const previous = lines[lines.length - 1]
    const offScript = previous?.speaker === 'ME' && previous.userMean === null
    if (round === 0) lines.push(aiLine(rng.pick(scene.openings)))
    else if (offScript) lines.push(aiLine(rng.pick(AI_FALLBACKS), 1))
    else if (round === chatRound - 1) lines.push(aiLine(rng.pick(scene.closings[attitude])))
    else if (round === chatRound - 2 || middle.length === 0) lines.push(aiLine(rng.pick(scene.aiFollowUp[attitude])))
    else lines.push(aiLine(middle.pop() as string))
    // The customer answers every AI line but the goodbye; a short call is the customer hanging up.
    const last = round === chatRound - 1
    if (!last || chatRound === 1 || rng.chance(0.3)) {
      lines.push(customerLine(rng, scene, attitude, round))
      if (!last && rng.chance(0.12)) lines.push(customerLine(rng, scene, attitude, round + 1))
    }
  }
  return lines
}

/** Share of the customer lines right after an AI line that start before that AI line ends. */
export const BARGE_IN_SHARE = 0.15

/** Natural speaking time: the AI reads a little faster than people answer. */
function naturalMs(line: PlannedLine): number {
  const chars = [...line.content].length
  return line.speaker === 'AI' ? 300 + chars * 180 : 250 + chars * 220
}

export function buildTranscript(input: TranscriptInput): { phoneLogs: SimPhoneLog[]; speech: SpeechSegment[] } {
  const { rng } = input
  const lines = planLines(input)
  const speaking = lines.map(naturalMs)
  const gaps = lines.map((_, i) => (i === 0 ? rng.int(300, 1500) : rng.int(400, 1200)))
  const totalMs = input.durationSec * 1000
  const available = Math.max(totalMs - rng.int(200, 600), 1)
  const speechSum = speaking.reduce((a, b) => a + b, 0)
  const gapSum = gaps.reduce((a, b) => a + b, 0)
  // Long calls get longer pauses; short ones (a hang-up mid-sentence) get everything squeezed.
  const speechScale = speechSum + gapSum <= available ? 1 : available / (speechSum + gapSum)
  const gapScale = speechSum + gapSum <= available ? (available - speechSum) / gapSum : speechScale

  // Drawn after everything above, so adding barge-ins left every other draw (and line) as it was.
  const overlaps = lines.map((line, i) =>
    line.speaker === 'ME' && lines[i - 1]?.speaker === 'AI' && rng.chance(BARGE_IN_SHARE) ? rng.int(15, 50) / 100 : 0,
  )

  const phoneLogs: SimPhoneLog[] = []
  const speech: SpeechSegment[] = []
  let clock = 0
  lines.forEach((line, i) => {
    let startMs = Math.min(Math.round(clock + (gaps[i] ?? 0) * gapScale), totalMs)
    const lengthMs = Math.round((speaking[i] ?? 0) * speechScale)
    const before = speech[i - 1]
    // A barge-in starts inside the AI line before it (never at or before its start), and says something.
    const bargeIn = (overlaps[i] ?? 0) > 0 && before !== undefined && before.endMs - before.startMs >= 2 && lengthMs > 0
    if (bargeIn) startMs = before.endMs - Math.max(1, Math.round((before.endMs - before.startMs) * overlaps[i]!))
    const endMs = Math.min(Math.max(startMs + lengthMs, startMs), totalMs)
    clock = endMs
    speech.push(
      bargeIn ? { speaker: line.speaker, startMs, endMs, bargeIn: true } : { speaker: line.speaker, startMs, endMs },
    )
    const untimed = line.speaker === 'AI' && input.aiLinesUntimed
    phoneLogs.push({
      sceneInstanceLogId: input.firstLogId + i,
      speaker: line.speaker,
      content: line.content,
      userMean: line.userMean,
      userMeanDetail: line.userMeanDetail,
      aiUnknown: line.aiUnknown,
      startTime: untimed ? 0 : startMs,
      endTime: untimed ? 0 : endMs,
    })
  })
  return { phoneLogs, speech }
}
