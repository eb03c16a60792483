// The table printed at the end of a run and bench/results.json beside it, with the machine
// the numbers came from (these machines are shared and noisy: ratios travel, times less so).
import { writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import type { Figure } from './figures'

export interface MachineInfo {
  cpus: number
  cpuModel: string
  memoryGB: number
  loadAverage: number[]
  node: string
  platform: string
  date: string
}

export function machineInfo(): MachineInfo {
  const list = cpus()
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  }
}

function num(value: number): string {
  if (!Number.isFinite(value)) return '—'
  if (Math.abs(value) >= 100) return value.toFixed(0)
  if (Math.abs(value) >= 10) return value.toFixed(1)
  return value.toFixed(2)
}

const pair = (p50: number, p95: number, unit: string) => `${num(p50)} / ${num(p95)} ${unit}`

/** A Markdown table, so the README can hold it as printed. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['benchmark', 'figure', 'p50 / p95', 'baseline', 'baseline p50 / p95', 'ratio', 'target', 'met']
  const rows = figures.map((f) => [
    f.bench,
    f.name,
    f.unavailable ?? pair(f.p50, f.p95, f.unit),
    f.baseline?.name ?? '—',
    f.baseline ? pair(f.baseline.p50, f.baseline.p95, f.unit) : '—',
    f.ratio === null ? '—' : `${num(f.ratio)}×`,
    f.target?.text ?? '—',
    f.unavailable ? '—' : f.target ? (f.target.met ? 'yes' : 'NO') : '—',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

export interface Results {
  quick: boolean
  machine: MachineInfo
  /** Wall time of the whole run, s. */
  elapsedSec: number
  figures: Figure[]
  /** Benchmarks that could not run, with why (the rest still report). */
  failures: { bench: string; error: string }[]
}

export function writeResults(path: string, results: Results): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`)
}
