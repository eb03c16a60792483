// The queue form's state and the plan it stands for (null until it names a task and a dimension).
import type { QueueDimension, QueuePlan } from '@shared/contract'

export interface QueueDraft {
  name: string
  taskId: number | null
  /** `duration`, `finishStatus`, `hungUpBy` or `result:NAME`, in the order the form lists them. */
  dimensions: string[]
  sizing: 'perStratum' | 'proportional'
  perStratum: number
  total: number
  min: number
  seed: number
}

export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32)
}

export function newDraft(): QueueDraft {
  return {
    name: '',
    taskId: null,
    dimensions: [],
    sizing: 'perStratum',
    perStratum: 2,
    total: 50,
    min: 1,
    seed: randomSeed(),
  }
}

export function dimensionOf(key: string): QueueDimension {
  if (key.startsWith('result:')) return { kind: 'result', name: key.slice('result:'.length) }
  return { kind: key as 'duration' | 'finishStatus' | 'hungUpBy' }
}

export function draftPlan(draft: QueueDraft): QueuePlan | null {
  if (draft.taskId === null || draft.dimensions.length === 0) return null
  return {
    taskId: draft.taskId,
    dimensions: draft.dimensions.map(dimensionOf),
    sizing:
      draft.sizing === 'perStratum'
        ? { kind: 'perStratum', size: draft.perStratum }
        : { kind: 'proportional', total: draft.total, min: draft.min },
    seed: draft.seed,
  }
}
