// What the bundled demo dataset (the simulator's data) says, for assertions.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './paths'

interface DemoCall {
  callInstanceId: number
  companyId: number
  taskResult: { resultName: string; resultValue: string }[]
  recording: string | null
  /** The customer's own track, where the call has one. */
  userRecording?: string | null
}
interface DemoDataset {
  credentials: { companyIds: number[] }[]
  calls: DemoCall[]
}

export const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'resources/demo/dataset.json'), 'utf8')) as DemoDataset

/** Calls the demo key may read that carry `name = value`. */
export function demoCallsWith(name: string, value: string): number[] {
  const companies = demo.credentials[0]!.companyIds
  return demo.calls
    .filter((call) => companies.includes(call.companyId))
    .filter((call) => call.taskResult.some((r) => r.resultName === name && r.resultValue === value))
    .map((call) => call.callInstanceId)
    .sort((a, b) => a - b)
}
