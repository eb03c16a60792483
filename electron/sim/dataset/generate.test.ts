import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type RunningSimulator } from '../simulator'
import { simClient } from '../test-support/sim-http-client'
import { GENERATED_CREDENTIALS, generateWorld } from './generate'
import { INTENT_VALUES } from './scenes'

const running: RunningSimulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()))
})

/** A list page, a call detail and a recording, with this server's origin taken out of the text. */
async function fingerprint(seed: number): Promise<{ list: string; detail: string; audio: Buffer }> {
  const sim = await startSimulator({ generate: { tasks: 3, calls: 150, seed } })
  running.push(sim)
  const api = simClient(sim)
  const taskId = sim.store.allTasks()[0]?.task.callJobId
  const list = (await api.post('/task/queryDoneTaskPhones', { callJobId: taskId, pageSize: 50, pageNum: 2 })).text
  const answered = sim.store.allTasks()[0]?.calls.find((c) => c.finishStatus === 0 && c.duration > 5)
  const detail = (await api.get('/task/phoneLogInfo', { callInstanceId: answered?.callInstanceId ?? 0 })).text
  const audio = Buffer.from(
    await (await fetch(`${sim.origin}/recordings/${answered?.callInstanceId}.wav`)).arrayBuffer(),
  )
  const strip = (text: string) => text.split(sim.origin).join('ORIGIN')
  return { list: strip(list), detail: strip(detail), audio }
}

describe('generated data', () => {
  it('is the same, byte for byte, from the same seed', async () => {
    const a = await fingerprint(42)
    const b = await fingerprint(42)
    expect(a.list).toBe(b.list)
    expect(a.detail).toBe(b.detail)
    expect(a.audio.equals(b.audio)).toBe(true)
    expect(a.audio.length).toBeGreaterThan(44)
  })

  it('differs from another seed', async () => {
    const a = await fingerprint(42)
    const c = await fingerprint(43)
    expect(c.list).not.toBe(a.list)
    expect(c.audio.equals(a.audio)).toBe(false)
  })

  it('has two companies, two app keys (one granted both), a deleted task and a never-run task', () => {
    const world = generateWorld({ tasks: 5, calls: 40, seed: 1 })
    expect(world.companies.map((c) => c.companyId)).toEqual([1001, 2002])
    expect(world.credentials).toEqual(GENERATED_CREDENTIALS)
    expect(world.tasks).toHaveLength(6)
    expect(world.tasks.filter((s) => s.task.deleted)).toHaveLength(1)
    const never = world.tasks.filter((s) => s.task.status === 0)
    expect(never).toHaveLength(1)
    expect(never[0]?.calls).toHaveLength(0)
    expect(never[0]?.notDialed.length).toBeGreaterThan(0)
    expect(world.tasks.filter((s) => s.calls.length === 40)).toHaveLength(5)
    expect(new Set(world.tasks.map((s) => s.task.sceneDefId)).size).toBe(3)
  })

  it('makes every answered call a consistent conversation within its duration', () => {
    const world = generateWorld({ tasks: 3, calls: 200, seed: 8 })
    const calls = world.tasks.flatMap((s) => s.calls)
    const statuses = new Set(calls.map((c) => c.finishStatus))
    expect(statuses.size).toBeGreaterThanOrEqual(6)
    const intents = new Set<string>()
    const hangUps = new Set<number | null>()
    let [bargeIns, aiUnknownLines] = [0, 0]
    for (const call of calls) {
      const { phoneLogs, speech } = call.transcript()
      if (call.finishStatus !== 0) {
        expect([call.duration, call.chatRound, phoneLogs.length]).toEqual([0, 0, 0])
        expect(call.recording('mix')).toBeNull()
        continue
      }
      expect(phoneLogs.filter((l) => l.speaker === 'AI')).toHaveLength(call.chatRound)
      expect(speech).toHaveLength(phoneLogs.length)
      let previousEnd = 0
      for (const [i, seg] of (speech ?? []).entries()) {
        const before = speech?.[i - 1]
        if (seg.bargeIn) {
          // The one overlap there is: a customer starting inside the AI line right before.
          expect([before?.speaker, seg.speaker]).toEqual(['AI', 'ME'])
          expect(seg.startMs).toBeGreaterThan(before!.startMs)
          expect(seg.startMs).toBeLessThan(before!.endMs)
          expect(seg.endMs).toBeGreaterThan(seg.startMs)
          bargeIns++
        } else {
          expect(seg.startMs).toBeGreaterThanOrEqual(previousEnd)
        }
        expect(seg.endMs).toBeLessThanOrEqual(call.duration * 1000)
        previousEnd = seg.endMs
      }
      aiUnknownLines += phoneLogs.filter((l) => l.aiUnknown === 1).length
      expect(phoneLogs.filter((l) => l.aiUnknown === 1 && l.speaker !== 'AI')).toEqual([])
      hangUps.add(call.instance().hangUp)
      intents.add(call.results()[0]?.resultValue ?? '')
      expect(call.instance().endTime > call.instance().startTime).toBe(true)
    }
    expect([...intents].sort()).toEqual([...INTENT_VALUES].sort())
    // What the insight metrics look for is there: barge-ins, questions the robot could not answer,
    // and both sides hanging up.
    expect(bargeIns).toBeGreaterThan(20)
    expect(aiUnknownLines).toBeGreaterThan(5)
    expect([...hangUps].sort()).toEqual([0, 1])
    const withDesc = calls.filter((c) => c.results().some((r) => r.resultDesc !== null))
    expect(withDesc.length).toBeGreaterThan(0)
    const customResults = new Set(calls.flatMap((c) => c.results().map((r) => r.resultName)))
    expect([...customResults]).toEqual(expect.arrayContaining(['客户意向等级', '客户关注点', '催缴结果', '回访结果']))
  })
})
