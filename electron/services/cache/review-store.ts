// The reviewer's verdicts and notes, in their own SQLite file with synchronous=FULL: a saved
// review is on disk when save() returns, and deleting or rebuilding the cache never touches it.
import {
  commentCategoriesSchema,
  reviewInputSchema,
  type DraftJournalInput,
  type DraftStamp,
  type PendingDraft,
  type Review,
  type ReviewInput,
} from '../../shared/contract/reviews'
import { openDatabase, type Db } from './database'
import { DraftJournal } from './draft-journal'
import { migrate } from './migrations'
import { reviewMigrations } from './review-schema'

export interface ReviewRow {
  call_id: number
  verdict: Review['verdict']
  score: number | null
  tags: string
  text: string
  comments: string
  tag_checks: string
  updated_at: string
}

/** Columns to select (with an optional table alias) to feed rowToReview. */
export function reviewColumns(alias: string): string {
  return ['call_id', 'verdict', 'score', 'tags', 'text', 'comments', 'tag_checks', 'updated_at']
    .map((c) => `${alias}.${c}`)
    .join(', ')
}

export function rowToReview(row: ReviewRow): Review {
  return {
    callInstanceId: row.call_id,
    verdict: row.verdict,
    score: row.score,
    tags: JSON.parse(row.tags) as Review['tags'],
    text: row.text,
    // Comments saved before categories existed have none.
    comments: (JSON.parse(row.comments) as Review['comments']).map((c) => ({ ...c, category: c.category ?? null })),
    tagChecks: JSON.parse(row.tag_checks) as Review['tagChecks'],
    updatedAt: row.updated_at,
  }
}

/**
 * Runs inside a save's transaction, on the store's connection, before it commits: team sync records
 * the save's ops in its outbox here, so a stored edit is never missing from it. It may throw to undo
 * the save.
 */
export type ReviewSaveHook = (db: Db, saved: Review) => void

export class ReviewStore {
  private readonly db: Db
  private readonly statements
  /** Null in solo mode: a save records nothing for the team. */
  private saveHook: ReviewSaveHook | null = null
  /** Drafts the renderer has not got stored yet (same file, same connection). */
  readonly journal: DraftJournal

  constructor(
    readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = openDatabase(path, 'FULL')
    try {
      migrate(this.db, reviewMigrations, path)
    } catch (error) {
      this.db.close()
      throw error
    }
    this.statements = {
      upsert: this.db.prepare(
        `INSERT INTO reviews (call_id, verdict, score, tags, text, comments, tag_checks, updated_at)
         VALUES (@call_id, @verdict, @score, @tags, @text, @comments, @tag_checks, @updated_at)
         ON CONFLICT (call_id) DO UPDATE SET verdict = excluded.verdict, score = excluded.score,
           tags = excluded.tags, text = excluded.text, comments = excluded.comments,
           tag_checks = excluded.tag_checks, updated_at = excluded.updated_at`,
      ),
      deleteFts: this.db.prepare('DELETE FROM review_fts WHERE rowid = ?'),
      insertFts: this.db.prepare('INSERT INTO review_fts (rowid, text, comments) VALUES (?, ?, ?)'),
      get: this.db.prepare<[number], ReviewRow>(`SELECT ${reviewColumns('r')} FROM reviews r WHERE r.call_id = ?`),
      list: this.db.prepare<[string], ReviewRow>(
        `SELECT ${reviewColumns('r')} FROM reviews r WHERE r.updated_at >= ? ORDER BY r.updated_at, r.call_id`,
      ),
      delete: this.db.prepare('DELETE FROM reviews WHERE call_id = ?'),
      getSetting: this.db.prepare<[string], { value: string }>('SELECT value FROM review_settings WHERE key = ?'),
      putSetting: this.db.prepare(
        'INSERT INTO review_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    }
    try {
      this.journal = new DraftJournal(this.db, path, now)
    } catch (error) {
      this.db.close()
      throw error
    }
  }

  /**
   * Replaces the call's review (validated here too: this is the last line before the disk). With
   * the stamp of the draft it stores, the journal keeps that editor's later revision, if any.
   */
  save(input: ReviewInput, stamp: DraftStamp | null = null): Review {
    const review: Review = { ...reviewInputSchema.parse(input), updatedAt: this.now().toISOString() }
    const hook = this.saveHook
    let journaled = () => {}
    this.db
      .transaction(() => {
        this.write(review)
        journaled = this.journal.stored(review, stamp)
        hook?.(this.db, review)
      })
      .immediate()
    journaled()
    return review
  }

  /**
   * Stores a review merged from the reviewer's other devices (team sync's puller), inside the
   * caller's transaction: no save hook, as it is not an edit made here and must not go back out.
   */
  storeMerged(input: ReviewInput): Review {
    const review: Review = { ...reviewInputSchema.parse(input), updatedAt: this.now().toISOString() }
    this.db.transaction(() => this.write(review))()
    return review
  }

  private write(review: Review): void {
    const id = review.callInstanceId
    this.statements.upsert.run({
      call_id: id,
      verdict: review.verdict,
      score: review.score,
      tags: JSON.stringify(review.tags),
      text: review.text,
      comments: JSON.stringify(review.comments),
      tag_checks: JSON.stringify(review.tagChecks),
      updated_at: review.updatedAt,
    })
    this.statements.deleteFts.run(id)
    this.statements.insertFts.run(id, review.text, review.comments.map((c) => c.text).join('\n'))
  }

  /** Team mode: record each save for the team in its transaction (null: solo mode, record nothing). */
  setSaveHook(hook: ReviewSaveHook | null): void {
    this.saveHook = hook
  }

  /** Runs `work` in one IMMEDIATE transaction on this store's connection (team sync's own tables). */
  transaction<T>(work: (db: Db) => T): T {
    return this.db.transaction(() => work(this.db)).immediate()
  }

  /** Keeps an edit of the call's draft until a save of it is stored; false when a later one is held. */
  journalDraft(input: DraftJournalInput): boolean {
    return this.journal.put(input, this.get(input.draft.callInstanceId)?.updatedAt ?? null)
  }

  /** Every journaled draft newer than its call's stored review. */
  pendingDrafts(): PendingDraft[] {
    return this.journal.all((callId) => this.get(callId)?.updatedAt ?? null)
  }

  /** The call's journaled draft, when it is newer than its stored review. */
  pendingDraft(callId: number): PendingDraft | null {
    return this.journal.pending(callId, this.get(callId)?.updatedAt ?? null)
  }

  get(callId: number): Review | null {
    const row = this.statements.get.get(callId)
    return row ? rowToReview(row) : null
  }

  /** Every review saved at or after `updatedSince` (ISO), oldest first: the export's order. */
  list(updatedSince = ''): Review[] {
    return this.statements.list.all(updatedSince).map(rowToReview)
  }

  delete(callId: number): boolean {
    return this.db.transaction(() => {
      this.statements.deleteFts.run(callId)
      return this.statements.delete.run(callId).changes > 0
    })()
  }

  /** The comment categories as the reviewer last saved them; null if never (the app offers defaults). */
  commentCategories(): string[] | null {
    const row = this.statements.getSetting.get('commentCategories')
    return row ? commentCategoriesSchema.parse(JSON.parse(row.value)) : null
  }

  setCommentCategories(categories: string[]): string[] {
    const valid = commentCategoriesSchema.parse(categories)
    this.statements.putSetting.run('commentCategories', JSON.stringify(valid))
    return valid
  }

  close(): void {
    this.db.close()
  }
}
