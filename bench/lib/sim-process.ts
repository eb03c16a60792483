// The simulator in its own process (`electron/sim/serve.ts` under tsx): a real server is
// elsewhere, so synthesising its recordings must not take the sync's own CPU time.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

const REPO_ROOT = join(import.meta.dirname, '../..')

export interface SimProcess {
  baseUrl: string
  appKey: string
  appSecret: string
  companyId: number
  /** CPU seconds the simulator has used (Linux /proc; NaN elsewhere). */
  cpuSeconds(): number
  stop(): Promise<void>
}

/** utime + stime of a process, in clock ticks of 1/100 s (the Linux default). */
export function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}

/** `args` as `npm run sim` takes them, e.g. ['--generate', 'tasks=1,calls=2000', '--faults', 'latency=40']. */
export async function startSimProcess(args: string[]): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/sim/serve.ts'), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before printing its address`)))
  })
  const info = JSON.parse(line) as Omit<SimProcess, 'stop'>
  return {
    ...info,
    cpuSeconds: () => processCpuSeconds(child.pid),
    async stop() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}
