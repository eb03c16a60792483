// `npm run demo:generate`: writes the bundled demo account to resources/demo/ — dataset.json and
// audio/*.mp3 spoken by espeak-ng. Deterministic; clears and rewrites the folder on every run.
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simDatasetSchema, type SimCall, type SimDataset } from '../electron/sim/dataset/schema'
import { dialoguePlan, planDemo, toSimCall, type CallDraft, type RenderedCall } from './demo/build-dataset'
import { composeDialogue } from './demo/dialogues'
import { layOut } from './demo/mixdown'
import { Prng } from './demo/prng'
import { checkTools, encodeMp3, Speech } from './demo/speech'
import { DEMO_COMPANY, DEMO_CREDENTIAL, OTHER_COMPANY, TASKS } from './demo/tasks'

const SEED = 20250303
const OUT_DIR = join(import.meta.dirname, '..', 'resources', 'demo')
const AUDIO_DIR = 'audio'
/** A long call grows by this many topics at a time until it is long enough. */
const MAX_GROWTH = 40

async function render(draft: CallDraft, speech: Speech): Promise<RenderedCall> {
  const callSpec = draft.callSpec
  if (callSpec.kind !== 'answered') throw new Error('only answered calls are recorded')
  for (let extra = 0; extra <= MAX_GROWTH; extra++) {
    // A fresh PRNG per attempt: the call's words and pauses depend only on its seed and length.
    const rng = new Prng(draft.seed)
    const dialogue = composeDialogue(draft.spec.scene, dialoguePlan(draft, rng, extra), draft.customer, rng)
    const clips = await Promise.all(
      dialogue.turns.map(async (turn) => ({
        speaker: turn.speaker,
        samples: await speech.speak(turn.speaker, turn.text),
      })),
    )
    const mixdown = layOut(clips, rng)
    if (callSpec.minSeconds && mixdown.durationMs < callSpec.minSeconds * 1000) continue
    const recording = `${AUDIO_DIR}/${draft.callInstanceId}.mp3`
    await encodeMp3(mixdown.mix, join(OUT_DIR, recording))
    let userRecording: string | null = null
    if (callSpec.userTrack) {
      userRecording = `${AUDIO_DIR}/${draft.callInstanceId}_user.mp3`
      await encodeMp3(mixdown.customer, join(OUT_DIR, userRecording))
    }
    return { dialogue, placements: mixdown.placements, durationMs: mixdown.durationMs, recording, userRecording }
  }
  throw new Error(`call ${draft.callInstanceId} never reached ${callSpec.minSeconds} s`)
}

async function folderSize(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size
  }
  return total
}

async function main(): Promise<void> {
  await checkTools()
  await rm(OUT_DIR, { recursive: true, force: true })
  await mkdir(join(OUT_DIR, AUDIO_DIR), { recursive: true })

  const plan = planDemo(TASKS, SEED)
  const speech = new Speech()
  const resultRng = new Prng(SEED + 1)
  const calls: SimCall[] = []
  for (const draft of plan.drafts) {
    const rendered = draft.callSpec.kind === 'answered' ? await render(draft, speech) : null
    calls.push(toSimCall(draft, rendered, resultRng))
    process.stdout.write(`\r${calls.length}/${plan.drafts.length} calls`)
  }
  process.stdout.write('\n')

  const dataset: SimDataset = simDatasetSchema.parse({
    version: 1,
    credentials: [DEMO_CREDENTIAL],
    companies: [DEMO_COMPANY, OTHER_COMPANY],
    tasks: plan.tasks,
    calls,
    notDialed: plan.notDialed,
  })
  await writeFile(join(OUT_DIR, 'dataset.json'), JSON.stringify(dataset, null, 2) + '\n')

  const longest = calls.reduce((a, b) => (b.duration > a.duration ? b : a))
  const untimed = calls.filter((call) => call.phoneLogs.some((log) => log.speaker === 'AI' && log.endTime === 0))
  console.log(`tasks: ${dataset.tasks.map((task) => task.callJobId).join(', ')}`)
  console.log(`calls: ${calls.length} (${calls.filter((call) => call.recording).length} recorded)`)
  console.log(`longest: ${longest.callInstanceId} (${longest.duration} s)`)
  console.log(`AI lines at 0/0: ${untimed.map((call) => call.callInstanceId).join(', ')}`)
  console.log(
    `user tracks: ${calls
      .filter((call) => call.userRecording)
      .map((call) => call.callInstanceId)
      .join(', ')}`,
  )
  console.log(`resources/demo: ${((await folderSize(OUT_DIR)) / 1024 / 1024).toFixed(2)} MB`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
