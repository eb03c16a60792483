// Tests' browser download: export.calls through the dispatcher, then the file its link streams,
// as the host would send it (the ticket taken from the services, the bytes collected).
import { Writable } from 'node:stream'
import type { ExportResult } from '../shared/contract'
import { dispatch } from '../routes/dispatch'
import { routes } from '../routes'
import type { Services } from '../services/services'

export interface DownloadedExport {
  fileName: string
  mimeType: string
  /** What export.calls counted when it gave the link. */
  counted: number
  /** What the stream wrote. */
  rows: number
  bytes: Buffer
}

export async function downloadExport(services: Services, input: unknown): Promise<DownloadedExport> {
  const result = await dispatch(routes, services, 'export.calls', input)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  const value = result.value as ExportResult
  if (value.outcome !== 'download') throw new Error(`expected a download link, got ${value.outcome}`)
  const download = services.exportDownloads.take(value.url.replace(/^\/export\//, ''))
  if (!download) throw new Error(`no download behind ${value.url}`)
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      done()
    },
  })
  const rows = await download.write(sink)
  return {
    fileName: value.fileName,
    mimeType: download.mimeType,
    counted: value.rows,
    rows,
    bytes: Buffer.concat(chunks),
  }
}
