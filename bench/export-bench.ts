// 8. Export at scale: 100,000 calls (quick 10,000) with their transcripts exported to XLSX and to
// CSV by the browser-mode host, through the API the UI uses (export.calls → the single-use link it
// streams from), the file saved by this process as the browser's download would. Figures: the
// host's peak RSS during each export (VmHWM of a host started for that export alone), beside the
// host just started; time and MB/s of the download.
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type { ExportResult } from '../electron/shared/contract'
import type { BenchOptions } from './lib/bench'
import { bulkFillCalls } from './lib/bulk-calls'
import { startHost, type HostProcess } from './lib/browser'
import { figure, single, type Figure } from './lib/figures'
import { createProfileDataDir } from './lib/profile-data-dir'

const BENCH = 'export'
const TASKS = 20
const FORMATS = ['xlsx', 'csv'] as const
type Format = (typeof FORMATS)[number]
const TARGET_MB = 400

/** An offline profile (nothing listens on port 9): the host exports from the cache alone. */
const OFFLINE = {
  baseUrl: 'http://127.0.0.1:9/openapi/v1',
  appKey: 'bench-key',
  appSecret: 'bench-secret',
  companyId: 1001,
}

/** The process's peak resident set (VmHWM), MB: no sampling interval can miss a short peak. */
function peakRssMB(pid: number | undefined): number {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return Number(kb) / 1024
  } catch {
    return Number.NaN
  }
}

interface ExportRun {
  format: Format
  atStartMB: number
  peakMB: number
  seconds: number
  bytes: number
  rows: number
  /** RSS once export.calls has answered (its count and the longest transcript read), before the download. */
  atLinkMB: number
  /** VmRSS sampled every 250 ms through the download: flat in its second half when the export streams. */
  samplesMB: number[]
  /** CSV only: records in the file (CRLF-terminated lines, the header excluded). */
  records: number | null
}

/** CRLF ends a CSV record; the transcript's own line breaks inside a cell are bare LF. */
function crlfCounter(): { stream: Transform; count: () => number } {
  let count = 0
  let lastWasCr = false
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (const byte of chunk) {
        if (byte === 0x0a && lastWasCr) count += 1
        lastWasCr = byte === 0x0d
      }
      done(null, chunk)
    },
  })
  return { stream, count: () => count }
}

async function exportOnce(host: HostProcess, format: Format, outDir: string): Promise<Omit<ExportRun, 'atStartMB'>> {
  const started = performance.now()
  const link = await host.invoke<ExportResult>('export.calls', { format, what: 'calls', language: 'zh-CN' })
  if (link.outcome !== 'download') throw new Error(`export.calls answered ${link.outcome}, not a download link`)
  const atLinkMB = host.rssMB()
  const response = await fetch(`${host.origin}${link.url}`, { headers: { Authorization: `Bearer ${host.token}` } })
  if (!response.ok || !response.body) throw new Error(`the export link answered ${response.status}`)
  const path = join(outDir, link.fileName)
  const counter = crlfCounter()
  let bytes = 0
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)
  body.on('data', (chunk: Buffer) => (bytes += chunk.length))
  const samplesMB: number[] = []
  const sampler = setInterval(() => samplesMB.push(host.rssMB()), 250)
  try {
    await pipeline(body, counter.stream, createWriteStream(path))
  } finally {
    clearInterval(sampler)
  }
  const seconds = (performance.now() - started) / 1000
  rmSync(path, { force: true })
  return {
    format,
    peakMB: peakRssMB(host.child.pid),
    seconds,
    bytes,
    atLinkMB,
    samplesMB,
    rows: link.rows,
    records: format === 'csv' ? counter.count() - 1 : null,
  }
}

export async function runExportBench(options: BenchOptions): Promise<Figure[]> {
  const calls = options.quick ? 10_000 : 100_000
  const dir = createProfileDataDir(OFFLINE, 'export')
  const outDir = mkdtempSync(join(tmpdir(), 'calllens-bench-export-out-'))
  try {
    options.log(`export: filling ${calls} calls`)
    try {
      bulkFillCalls(dir.cache, calls, TASKS)
    } finally {
      dir.close()
    }
    const runs: ExportRun[] = []
    for (const format of FORMATS) {
      // A host of its own per format: its VmHWM is this export's peak alone.
      const host = await startHost(dir.dataDir)
      try {
        const atStartMB = host.rssMB()
        options.log(`export: ${calls} calls to ${format}`)
        runs.push({ atStartMB, ...(await exportOnce(host, format, outDir)) })
      } finally {
        await host.stop()
      }
    }
    return runs.flatMap((run) => {
      if (run.rows !== calls) throw new Error(`${run.format}: export.calls counted ${run.rows} of ${calls} calls`)
      if (run.records !== null && run.records !== calls) {
        throw new Error(`${run.format}: the file holds ${run.records} records, not ${calls}`)
      }
      const mb = run.bytes / 2 ** 20
      const at = (share: number) => run.samplesMB[Math.floor(share * (run.samplesMB.length - 1))]?.toFixed(0) ?? '?'
      const label = `${calls / 1000}k calls with transcripts → ${run.format.toUpperCase()}`
      const baseline = { name: 'host just started', ...single(run.atStartMB) }
      return [
        figure({
          bench: BENCH,
          name: `host peak RSS exporting ${label}`,
          unit: 'MB',
          value: single(run.peakMB),
          baseline,
          target: { text: `≤ ${TARGET_MB} MB`, check: (value) => value.p50 <= TARGET_MB },
          note:
            `${mb.toFixed(1)} MB file; host RSS ${run.atLinkMB.toFixed(0)} MB when export.calls had answered, ` +
            `then ${at(0.25)} / ${at(0.5)} / ${at(0.75)} / ${at(1)} MB at a quarter, half, three quarters and the end of the download`,
        }),
        figure({
          bench: BENCH,
          name: `export time, ${label} (link asked → file saved)`,
          unit: 's',
          value: single(run.seconds),
          note: `${Math.round(calls / run.seconds)} calls/s`,
        }),
        figure({ bench: BENCH, name: `export MB per second, ${label}`, unit: 'MB/s', value: single(mb / run.seconds) }),
      ]
    })
  } finally {
    rmSync(outDir, { recursive: true, force: true })
    rmSync(dir.dataDir, { recursive: true, force: true })
  }
}
