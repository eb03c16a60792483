// Writing calls into the cache: list rows (upserted by id, changes detected by fingerprint), and
// each call's detail, transcript, results, conversation facts and recordings in one transaction — all or nothing.
import type { CallDetail, CallResult, CallSummary } from '../../shared/contract/domain'
import type { Db } from './database'
import { DETAIL_COLUMNS, SUMMARY_COLUMNS, detailParams, summaryFingerprint, summaryParams } from './call-columns'
import { INDEX_NEW_TEXT_STEPS, REFRESH_NAME_BIGRAMS } from './text-search-index'
import { CLEAR_FACTS, SET_FACTS, conversationFacts } from './conversation-facts'
import { checkedRelativePath, encodePeaks, type RecordingInput, type UnavailableRecordingInput } from './recordings'
import { TagSetWriter } from './tag-sets'
import { TranscriptWriter } from './transcript-writer'

export class CallStore {
  private readonly s
  private readonly tagSets: TagSetWriter
  private readonly transcripts: TranscriptWriter

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly now: () => Date,
  ) {
    this.tagSets = new TagSetWriter(db)
    this.transcripts = new TranscriptWriter(db)
    const summary = SUMMARY_COLUMNS.map(([, c]) => c)
    const detail = [...summary, ...DETAIL_COLUMNS.map(([, c]) => c), 'properties']
    this.s = {
      stored: db.prepare<[number], { fingerprint: string; name: string | null; phone: string | null }>(
        'SELECT fingerprint, customer_name AS name, customer_telephone AS phone FROM calls WHERE call_id = ?',
      ),
      upsertSummary: db.prepare(
        `INSERT INTO calls (call_id, task_id, ${summary.join(', ')}, fingerprint, listed_at)
         VALUES (@call_id, @task_id, ${summary.map((c) => `@${c}`).join(', ')}, @fingerprint, @listed_at)
         ON CONFLICT (call_id) DO UPDATE SET task_id = excluded.task_id,
           ${summary.map((c) => `${c} = excluded.${c}`).join(', ')},
           fingerprint = excluded.fingerprint, listed_at = excluded.listed_at, detail_fetched_at = NULL,
           ${CLEAR_FACTS}`,
      ),
      // A detail for a call the list has not shown yet creates the row; otherwise the list's
      // fingerprint stays, so the next list page does not report the call as changed again.
      upsertDetail: db.prepare(
        `INSERT INTO calls (call_id, task_id, ${detail.join(', ')}, fingerprint, listed_at, detail_fetched_at)
         VALUES (@call_id, @task_id, ${detail.map((c) => `@${c}`).join(', ')}, @fingerprint, @now, @now)
         ON CONFLICT (call_id) DO UPDATE SET ${detail.map((c) => `${c} = excluded.${c}`).join(', ')},
           detail_fetched_at = excluded.detail_fetched_at`,
      ),
      deleteResults: db.prepare('DELETE FROM call_results WHERE call_id = ?'),
      insertResult: db.prepare(
        'INSERT INTO call_results (call_id, ord, name, value, description) VALUES (?, ?, ?, ?, ?)',
      ),
      setFacts: db.prepare(SET_FACTS),
      // The trigram index follows the name and phone by trigger; the bigram one cannot (bigram_text).
      refreshBigrams: db.prepare(`${REFRESH_NAME_BIGRAMS} WHERE call_id = ?`),
      indexNewTexts: INDEX_NEW_TEXT_STEPS.map((sql) => db.prepare(sql)),
      upsertRecording: db.prepare(
        `INSERT INTO recordings (call_id, kind, path, bytes, sha256, duration_ms, peaks, sample_rate, cached_at)
         VALUES (@call_id, @kind, @path, @bytes, @sha256, @duration_ms, @peaks, @sample_rate, @cached_at)
         ON CONFLICT (call_id, kind) DO UPDATE SET path = excluded.path, bytes = excluded.bytes,
           sha256 = excluded.sha256, duration_ms = excluded.duration_ms, peaks = excluded.peaks,
           sample_rate = excluded.sample_rate, cached_at = excluded.cached_at`,
      ),
      recordError: db.prepare(
        `INSERT INTO call_errors (call_id, code, message, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (call_id) DO UPDATE SET code = excluded.code, message = excluded.message, at = excluded.at`,
      ),
      clearError: db.prepare('DELETE FROM call_errors WHERE call_id = ?'),
      clearUnavailable: db.prepare('DELETE FROM recording_unavailable WHERE call_id = ?'),
      insertUnavailable: db.prepare(
        `INSERT INTO recording_unavailable (call_id, kind, url, reason, message, at)
         VALUES (@call_id, @kind, @url, @reason, @message, @at)`,
      ),
      unavailable: db.prepare<[number], UnavailableRecordingInput>(
        'SELECT kind, url, reason, message, at FROM recording_unavailable WHERE call_id = ? ORDER BY kind',
      ),
      unavailableDue: db.prepare<[number, string], { call_id: number }>(
        `SELECT DISTINCT u.call_id FROM recording_unavailable u JOIN calls c ON c.call_id = u.call_id
         WHERE c.task_id = ? AND u.at < ? ORDER BY u.call_id`,
      ),
      needingDetail: db.prepare<[number, number], { call_id: number }>(
        'SELECT call_id FROM calls WHERE task_id = ? AND detail_fetched_at IS NULL ORDER BY call_id LIMIT ?',
      ),
      count: db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM calls WHERE task_id = ?'),
    }
  }

  /**
   * Stores a page of the done-call list. Safe to repeat and to overlap (pages shift while a task
   * runs): rows are upserted by id and an unchanged row is not written at all. Returns the ids
   * that are new or whose list row changed; those need their detail (again).
   */
  upsertCallSummaries(taskId: number, summaries: readonly CallSummary[]): number[] {
    const listedAt = this.now().toISOString()
    const needDetail = new Set<number>()
    this.db.transaction(() => {
      for (const summary of summaries) {
        const id = summary.callInstanceId
        const fingerprint = summaryFingerprint({ ...summary, taskId })
        if (this.s.stored.get(id)?.fingerprint === fingerprint) continue
        this.s.upsertSummary.run({
          call_id: id,
          task_id: taskId,
          ...summaryParams(summary),
          fingerprint,
          listed_at: listedAt,
        })
        this.replaceResults(id, summary.results)
        this.s.refreshBigrams.run(id)
        needDetail.add(id)
      }
    })()
    return [...needDetail]
  }

  /** Listed calls whose detail is not wholly stored: what a resumed sync still has to fetch. */
  callsNeedingDetail(taskId: number, limit = 1_000_000): number[] {
    return this.s.needingDetail.all(taskId, limit).map((r) => r.call_id)
  }

  /** The recordings a call is stored without, with the URL that failed and when. */
  unavailableRecordings(callId: number): UnavailableRecordingInput[] {
    return this.s.unavailable.all(callId)
  }

  /** Calls of the task with a recording marked unavailable before `before` (ISO): due another try. */
  callsWithRecordingDue(taskId: number, before: string): number[] {
    return this.s.unavailableDue.all(taskId, before).map((r) => r.call_id)
  }

  /**
   * Stores a call's detail, transcript, results and recordings, and clears its error, in one
   * transaction: if anything fails the call is left exactly as it was. A recording kind not
   * passed keeps its existing row; results are replaced only when the detail carries some
   * (otherwise the list's results stay). `unavailable` replaces the call's unavailable
   * recordings whole (sync passes the complete state: new marks and the ones it kept).
   */
  saveCallDetail(
    detail: CallDetail,
    recordings: readonly RecordingInput[] = [],
    unavailable: readonly UnavailableRecordingInput[] = [],
  ): void {
    const id = detail.callInstanceId
    const now = this.now().toISOString()
    const rows = recordings.map((r) => ({
      call_id: id,
      kind: r.kind,
      path: checkedRelativePath(this.dataDir, r.path),
      bytes: r.bytes,
      sha256: r.sha256,
      duration_ms: r.durationMs,
      peaks: encodePeaks(r.peaks),
      sample_rate: r.sampleRate,
      cached_at: now,
    }))
    const fingerprint = summaryFingerprint(detail)
    this.db.transaction(() => {
      const stored = this.s.stored.get(id)
      this.s.upsertDetail.run({ call_id: id, task_id: detail.taskId, ...detailParams(detail), fingerprint, now })
      // The fingerprint covers the results: when it matches, the stored results already are these.
      if (detail.results.length > 0 && stored?.fingerprint !== fingerprint) {
        this.replaceResults(id, detail.results)
      }
      this.transcripts.replace(id, detail.transcript)
      this.s.setFacts.run({ call_id: id, ...conversationFacts(detail.transcript) })
      // Every write of a name or phone rewrites the call's bigram row, so an unchanged pair has its
      // row already (rewriting it cost an FTS5 segment per stored call).
      if (stored?.name !== detail.customerName || stored.phone !== detail.customerTelephone) {
        this.s.refreshBigrams.run(id)
      }
      // The lines' new texts were indexed for longer terms by trigger; this writes their bigram rows.
      for (const statement of this.s.indexNewTexts) statement.run()
      for (const row of rows) this.s.upsertRecording.run(row)
      this.s.clearUnavailable.run(id)
      for (const u of unavailable) {
        this.s.insertUnavailable.run({ ...u, call_id: id, message: u.message.slice(0, 2000) })
      }
      this.s.clearError.run(id)
    })()
  }

  recordCallError(callId: number, code: string, message: string): void {
    this.s.recordError.run(callId, code, message.slice(0, 2000), this.now().toISOString())
  }

  clearCallError(callId: number): void {
    this.s.clearError.run(callId)
  }

  countCalls(taskId: number): number {
    return this.s.count.get(taskId)?.n ?? 0
  }

  private replaceResults(callId: number, results: readonly CallResult[]): void {
    this.s.deleteResults.run(callId)
    results.forEach((r, ord) => this.s.insertResult.run(callId, ord, r.name, r.value, r.desc))
    this.tagSets.assign(callId)
  }
}
