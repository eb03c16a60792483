// Shows a sync job's progress: a bar on a terminal, and in logs (cron, CI) one plain line per
// phase or task change and per 10% of calls, so a log stays short and still says where it was.
import cliProgress from 'cli-progress'
import type { SyncProgress } from '../shared/contract'

export interface ProgressReporter {
  update(progress: SyncProgress): void
  stop(): void
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

const PHASE_LABELS: Record<SyncProgress['phase'], string> = {
  tasks: 'listing tasks',
  calls: 'listing calls',
  details: 'fetching calls',
  done: 'done',
  partial: 'finished with errors',
  cancelled: 'cancelled',
  failed: 'failed',
}

function phaseLabel(progress: SyncProgress): string {
  const label = PHASE_LABELS[progress.phase]
  return progress.taskId === null ? label : `task ${progress.taskId}: ${label}`
}

function percent(progress: SyncProgress): number {
  return progress.callsTotal === 0 ? 0 : Math.floor((progress.callsDone / progress.callsTotal) * 100)
}

function finished(progress: SyncProgress): boolean {
  return progress.finishedAt !== null
}

export function progressLine(progress: SyncProgress): string {
  const tasks = progress.tasksTotal > 0 ? `, tasks ${progress.tasksDone}/${progress.tasksTotal}` : ''
  return (
    `sync: ${phaseLabel(progress)} — calls ${progress.callsDone}/${progress.callsTotal} (${percent(progress)}%)` +
    `${tasks}, ${formatBytes(progress.bytes)}, ${progress.errors.length} failed`
  )
}

class LineReporter implements ProgressReporter {
  private last: { label: string; bucket: number } | null = null

  constructor(private readonly out: NodeJS.WritableStream) {}

  update(progress: SyncProgress): void {
    // The summary reports the end; a line for it here would say the same twice.
    if (finished(progress)) return
    const label = phaseLabel(progress)
    const bucket = Math.floor(percent(progress) / 10)
    if (this.last && this.last.label === label && this.last.bucket === bucket) return
    this.last = { label, bucket }
    this.out.write(`${progressLine(progress)}\n`)
  }

  stop(): void {}
}

class BarReporter implements ProgressReporter {
  private readonly bar: cliProgress.SingleBar
  private started = false

  constructor(out: NodeJS.WritableStream) {
    this.bar = new cliProgress.SingleBar(
      {
        stream: out,
        format: '{phase} |{bar}| {value}/{total} calls | {size} | {failed} failed',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    )
  }

  update(progress: SyncProgress): void {
    const payload = { phase: phaseLabel(progress), size: formatBytes(progress.bytes), failed: progress.errors.length }
    if (!this.started) {
      this.bar.start(progress.callsTotal, progress.callsDone, payload)
      this.started = true
      return
    }
    this.bar.setTotal(progress.callsTotal)
    this.bar.update(progress.callsDone, payload)
  }

  stop(): void {
    if (this.started) this.bar.stop()
  }
}

export function createProgressReporter(out: NodeJS.WriteStream): ProgressReporter {
  return out.isTTY ? new BarReporter(out) : new LineReporter(out)
}
