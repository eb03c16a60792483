// The dialogue model of the demo: scenes (what the AI and customers of one call scene say) and
// the composer that turns a call plan into a turn-by-turn transcript.
import type { Prng } from './prng'

export type Speaker = 'AI' | 'ME'

export interface Turn {
  speaker: Speaker
  text: string
  /** The script branch the customer's words hit (ME lines only). */
  userMean: string | null
  userMeanDetail: string | null
  /** The customer said something the script has no answer for. */
  aiUnknown: boolean
}

/** One topic the customer brings up, with the AI's answer (and any follow-up). */
export interface Exchange {
  topic: string
  turns: Turn[]
  /** Outcomes this exchange would contradict (a promise to pay in a call that ends in refusal). */
  notFor?: Outcome[]
}

export interface Customer {
  name: string
  /** How the AI addresses them: 张先生, 王女士. */
  title: string
  /** What the task's import file said about them (the call's `properties`); scenes speak some of it. */
  facts: Record<string, string>
}

/** How the call ends: the intent class it earns. */
export type Outcome = 'strong' | 'general' | 'unclear' | 'low' | 'followUp' | 'refuse'

export const INTENT_LEVELS: Record<Outcome, string> = {
  strong: 'A级(较强)',
  general: 'B级(一般)',
  unclear: 'C级(无法判断)',
  low: 'D级(很少)',
  followUp: 'E级(需要再次跟进)',
  refuse: 'F级(无需再次跟进)',
}

export const INTENT_RESULT_NAME = '客户意向等级'

/** Calls that end right after the opener. */
export type EarlyEnd = 'wrongPerson' | 'busy' | 'refuseAfterPitch' | 'silent'

export interface CallResult {
  resultName: string
  resultValue: string
  resultDesc: string | null
}

export interface Scene {
  /** The import-file columns of one customer. */
  customerFacts(rng: Prng): Record<string, string>
  /** Names and values of the scene's results, beside 客户意向等级. */
  customResults: { name: string; values: string[] }[]
  /** Identity check, first line of every call. */
  opener(customer: Customer, rng: Prng): Turn[]
  /** The customer confirms and the AI gives its pitch. */
  pitch(customer: Customer, rng: Prng): Turn[]
  /** The customer agrees to listen (calls that go on past the pitch). */
  consent?(rng: Prng): Turn[]
  exchanges: Exchange[]
  closings: Record<Outcome, Turn[][]>
  /** The scene's own results for a call with this outcome, these topics and these words. */
  results(outcome: Outcome, topics: string[], turns: Turn[]): CallResult[]
  /** Results of an unanswered call (most scenes: none). */
  unansweredResults: CallResult[]
}

export function ai(text: string): Turn {
  return { speaker: 'AI', text, userMean: null, userMeanDetail: null, aiUnknown: false }
}

export function me(text: string, userMean: string | null = '~', userMeanDetail: string | null = null): Turn {
  return { speaker: 'ME', text, userMean, userMeanDetail, aiUnknown: false }
}

/** A customer line the script cannot answer. */
export function unknown(text: string): Turn {
  return { speaker: 'ME', text, userMean: null, userMeanDetail: null, aiUnknown: true }
}

export interface DialoguePlan {
  outcome: Outcome
  early: EarlyEnd | null
  /** Topics discussed after the pitch (ignored for early ends). */
  exchangeCount: number
  /** The customer says 喂 before the AI's first line. */
  customerFirst: boolean
}

export interface Dialogue {
  turns: Turn[]
  topics: string[]
  /** Who hung up: 0 AI, 1 customer. */
  hangUp: 0 | 1
}

const HELLOS = ['喂？', '喂，你好。', '喂，哪位？']
const REPEAT_ASKS = ['你刚才说什么？信号不太好。', '不好意思没听清，你再说一遍？', '等一下，你刚说的再讲一遍。']
const REPEAT_PREFIXES = ['好的，我再说一遍。', '没问题，我重复一下。']

/** Generic early ends; the opener has been said. */
function earlyTurns(early: EarlyEnd, scene: Scene, customer: Customer, rng: Prng): Turn[] {
  switch (early) {
    case 'wrongPerson':
      return [me(rng.pick(['不是，你打错了。', '你找错人了，我不是。']), '非本人'), ai('不好意思，打扰您了，再见。')]
    case 'busy':
      return [
        me(rng.pick(['我在开车，不方便接电话。', '我现在在忙，晚点再说吧。']), '忙碌'),
        ai('好的，那我晚些时候再联系您，再见。'),
      ]
    case 'silent':
      return [
        me('喂？喂？听不清。'),
        ai('喂，您好，能听到我说话吗？'),
        me('喂？'),
        ai('不好意思，信号不太好，我稍后再打给您，再见。'),
      ]
    case 'refuseAfterPitch':
      return [...scene.pitch(customer, rng), me(rng.pick(['不需要，谢谢。', '没兴趣，别再打了。']), '拒绝')]
  }
}

function pickExchanges(scene: Scene, outcome: Outcome, count: number, rng: Prng): Exchange[] {
  const fitting = scene.exchanges.filter((exchange) => !exchange.notFor?.includes(outcome))
  const picked: Exchange[] = []
  let pool: Exchange[] = []
  while (picked.length < count) {
    if (pool.length === 0) pool = rng.shuffle(fitting)
    const next = pool.pop() as Exchange
    const again = picked.some((done) => done === next)
    if (!again) {
      picked.push(next)
      continue
    }
    // A long call comes back to an earlier topic: the customer asks to hear the answer again.
    const answer = next.turns.find((turn) => turn.speaker === 'AI')
    if (!answer) continue
    picked.push({
      topic: next.topic,
      turns: [me(rng.pick(REPEAT_ASKS), '没听清'), ai(rng.pick(REPEAT_PREFIXES) + answer.text)],
    })
  }
  return picked
}

export function composeDialogue(scene: Scene, plan: DialoguePlan, customer: Customer, rng: Prng): Dialogue {
  const turns: Turn[] = []
  if (plan.customerFirst) turns.push(me(rng.pick(HELLOS)))
  turns.push(...scene.opener(customer, rng))
  if (plan.early) {
    turns.push(...earlyTurns(plan.early, scene, customer, rng))
    const last = turns[turns.length - 1] as Turn
    return { turns, topics: [], hangUp: last.speaker === 'ME' ? 1 : 0 }
  }
  turns.push(...scene.pitch(customer, rng))
  if (scene.consent) turns.push(...scene.consent(rng))
  const exchanges = pickExchanges(scene, plan.outcome, plan.exchangeCount, rng)
  // An unclear call always shows the AI failing to understand once.
  if (plan.outcome === 'unclear' && !exchanges.some((e) => e.turns.some((t) => t.aiUnknown))) {
    const lost = scene.exchanges.find((e) => e.turns.some((t) => t.aiUnknown))
    if (lost) exchanges.push(lost)
  }
  for (const exchange of exchanges) turns.push(...exchange.turns)
  const closing = rng.pick(scene.closings[plan.outcome])
  turns.push(...closing)
  const last = turns[turns.length - 1] as Turn
  const hangUp = last.speaker === 'ME' ? 1 : rng.chance(0.8) ? 0 : 1
  const topics = [...new Set(exchanges.map((e) => e.topic).filter((topic) => topic !== ''))]
  return { turns, topics, hangUp }
}
