// Reading one cached call back whole: detail, results, transcript, recordings, review and last
// error; and the recording file and peaks the media layer serves.
import type { CachedCall, CallRecording, RecordingKind, UnavailableRecording } from '../../shared/contract/calls'
import type { CallResult, TranscriptLine } from '../../shared/contract/domain'
import type { Db } from './database'
import { rowToDetail, type Row } from './call-columns'
import { decodePeaks, resolveInside, type Peaks } from './recordings'
import { reviewColumns, rowToReview, type ReviewRow } from './review-store'

interface LineRow {
  line_index: number
  speaker: TranscriptLine['speaker']
  content: string
  start_ms: number
  end_ms: number
  inferred: number
  user_mean: string | null
  ai_unknown: number | null
}

export class CallReader {
  private readonly s

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
  ) {
    this.s = {
      call: db.prepare<[number], Row>(
        'SELECT c.*, t.name AS task_name FROM calls c LEFT JOIN tasks t ON t.task_id = c.task_id WHERE c.call_id = ?',
      ),
      results: db.prepare<[number], CallResult>(
        'SELECT name, value, description AS "desc" FROM call_results WHERE call_id = ? ORDER BY ord',
      ),
      lines: db.prepare<[number], LineRow>('SELECT * FROM transcript_lines WHERE call_id = ? ORDER BY ord'),
      recordings: db.prepare<
        [number],
        {
          kind: RecordingKind
          bytes: number
          sha256: string
          duration_ms: number | null
          sample_rate: number | null
          peak_bytes: number | null
        }
      >(
        `SELECT kind, bytes, sha256, duration_ms, sample_rate, length(peaks) AS peak_bytes
         FROM recordings WHERE call_id = ? ORDER BY kind`,
      ),
      recording: db.prepare<[number, string], { path: string; peaks: Buffer | null }>(
        'SELECT path, peaks FROM recordings WHERE call_id = ? AND kind = ?',
      ),
      // The path alone: a 60-minute call's peaks are 1.4 MB, read for nothing when only the file is asked for.
      recordingFile: db.prepare<[number, string], { path: string }>(
        'SELECT path FROM recordings WHERE call_id = ? AND kind = ?',
      ),
      unavailable: db.prepare<[number], UnavailableRecording>(
        `SELECT kind, reason, message, at FROM recording_unavailable u WHERE call_id = ?
           AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = u.call_id AND r.kind = u.kind)
         ORDER BY kind`,
      ),
      review: db.prepare<[number], ReviewRow>(`SELECT ${reviewColumns('r')} FROM rv.reviews r WHERE r.call_id = ?`),
      error: db.prepare<[number], { code: string; message: string; at: string }>(
        'SELECT code, message, at FROM call_errors WHERE call_id = ?',
      ),
    }
  }

  getCall(callId: number): CachedCall | null {
    return this.db
      .transaction((): CachedCall | null => {
        const row = this.s.call.get(callId)
        if (!row) return null
        const transcript = this.s.lines.all(callId).map((l): TranscriptLine => ({
          index: l.line_index,
          speaker: l.speaker,
          content: l.content,
          startMs: l.start_ms,
          endMs: l.end_ms,
          inferred: l.inferred === 1,
          userMean: l.user_mean,
          aiUnknown: l.ai_unknown === null ? null : l.ai_unknown === 1,
        }))
        const recordings = this.s.recordings.all(callId).map((r): CallRecording => ({
          kind: r.kind,
          bytes: r.bytes,
          sha256: r.sha256,
          durationMs: r.duration_ms,
          sampleRate: r.sample_rate,
          peakCount: (r.peak_bytes ?? 0) / 4,
        }))
        const review = this.s.review.get(callId)
        return {
          call: { ...rowToDetail(row), results: this.s.results.all(callId), transcript },
          taskName: (row.task_name as string | null) ?? null,
          detailFetchedAt: row.detail_fetched_at as string | null,
          recordings,
          unavailableRecordings: this.s.unavailable.all(callId),
          review: review ? rowToReview(review) : null,
          error: this.s.error.get(callId) ?? null,
        }
      })
      .deferred()
  }

  /** Absolute path of a cached recording; null when not cached or (defensively) outside the data dir. */
  recordingPath(callId: number, kind: RecordingKind): string | null {
    const row = this.s.recordingFile.get(callId, kind)
    return row ? resolveInside(this.dataDir, row.path) : null
  }

  recordingPeaks(callId: number, kind: RecordingKind): Peaks | null {
    return decodePeaks(this.s.recording.get(callId, kind)?.peaks ?? null)
  }
}
