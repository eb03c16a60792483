// Browser mode's exports: the renderer asks through the API, gets a single-use link, and the host
// streams the file to the browser's own download from it. Tickets live in memory for a few minutes.
import { randomBytes } from 'node:crypto'
import type { Writable } from 'node:stream'
import type { CallCache } from '../cache'
import type { WorkspaceService } from '../workspace/workspace-service'
import { EXPORT_MIME, exportFileName, writeExport, type ExportRequest } from './write-export'

/** The active profile's cache, or (kept before removing it) another profile's, for the job's length. */
export function withExportCache<T>(
  workspace: WorkspaceService,
  profileId: string | undefined,
  job: (cache: CallCache) => Promise<T>,
): Promise<T> {
  return profileId ? workspace.withCacheOf(profileId, job) : job(workspace.current().cache)
}

/** What the host needs to answer a download link. */
export interface ExportDownload {
  fileName: string
  mimeType: string
  /** Streams the file into `out` (ending it); resolves with the rows written. */
  write(out: Writable): Promise<number>
}

interface Pending {
  request: ExportRequest
  profileId: string | undefined
  fileName: string
  expiresAt: number
}

/** A link not opened within this long is refused (the renderer opens it at once). */
const TICKET_TTL_MS = 5 * 60_000

export class ExportDownloads {
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly now: () => number = Date.now,
  ) {}

  /** A ticket of 128 random bits: it and the host's token cookie open the download, once. */
  issue(request: ExportRequest, profileId?: string): { ticket: string; fileName: string } {
    for (const [ticket, { expiresAt }] of this.pending) if (expiresAt <= this.now()) this.pending.delete(ticket)
    const ticket = randomBytes(16).toString('base64url')
    const fileName = exportFileName(request.what, request.format)
    this.pending.set(ticket, { request, profileId, fileName, expiresAt: this.now() + TICKET_TTL_MS })
    return { ticket, fileName }
  }

  /** The download a ticket opens, or null when it is unknown, used or expired. */
  take(ticket: string): ExportDownload | null {
    const pending = this.pending.get(ticket)
    this.pending.delete(ticket)
    if (!pending || pending.expiresAt <= this.now()) return null
    const { request, profileId, fileName } = pending
    return {
      fileName,
      mimeType: EXPORT_MIME[request.format],
      write: (out) => withExportCache(this.workspace, profileId, (cache) => writeExport(cache, request, out)),
    }
  }
}
