// The draft journal: per call, the latest edit of its review that the renderer has not got stored
// yet, so a renderer that dies (a crash, a reload) loses nothing. Held in memory and in reviews.db's
// `review_drafts` (written on ReviewStore's FULL-synchronous connection: on disk when put() returns,
// and dropped in the very transaction that stores the review, so a killed main never keeps both or
// neither). Holds review text only, never a secret.
import {
  draftStampSchema,
  reviewInputSchema,
  type DraftJournalInput,
  type DraftStamp,
  type PendingDraft,
  type Review,
} from '../../shared/contract/reviews'
import type { Db } from './database'

interface DraftRow {
  call_id: number
  draft: string
  editor: string
  revision: number
  base_updated_at: string | null
  journaled_at: string
}

interface Entry extends PendingDraft {
  /** The stored review's updatedAt this draft is newer than (null: nothing was stored). */
  baseUpdatedAt: string | null
}

/** A journal row that could not be read at start-up: kept as it is in the file, and not used. */
export interface JournalProblem {
  callInstanceId: number
  message: string
}

/** Whether `stamp` is the same editor's draft at `other`'s revision or later. */
function sameOrLater(stamp: DraftStamp, other: DraftStamp): boolean {
  return stamp.editor === other.editor && stamp.revision >= other.revision
}

export class DraftJournal {
  private readonly entries = new Map<number, Entry>()
  /** The stamp of the last save stored per call in this run: a put arriving after it is old news. */
  private readonly lastStored = new Map<number, DraftStamp>()
  /** Rows that could not be read (reported once, at start-up, and left in the file for a person to look at). */
  readonly problems: JournalProblem[] = []
  private readonly statements

  constructor(
    private readonly db: Db,
    private readonly label: string,
    private readonly now: () => Date,
  ) {
    this.statements = {
      all: db.prepare<[], DraftRow>('SELECT * FROM review_drafts ORDER BY call_id'),
      upsert: db.prepare(
        `INSERT INTO review_drafts (call_id, draft, editor, revision, base_updated_at, journaled_at)
         VALUES (@call_id, @draft, @editor, @revision, @base_updated_at, @journaled_at)
         ON CONFLICT (call_id) DO UPDATE SET draft = excluded.draft, editor = excluded.editor,
           revision = excluded.revision, base_updated_at = excluded.base_updated_at,
           journaled_at = excluded.journaled_at`,
      ),
      rebase: db.prepare('UPDATE review_drafts SET base_updated_at = ? WHERE call_id = ?'),
      delete: db.prepare('DELETE FROM review_drafts WHERE call_id = ?'),
    }
    for (const row of this.statements.all.all()) this.load(row)
  }

  private load(row: DraftRow): void {
    try {
      const stamp = draftStampSchema.parse({ editor: row.editor, revision: row.revision })
      const draft = reviewInputSchema.parse(JSON.parse(row.draft))
      if (draft.callInstanceId !== row.call_id) throw new Error(`it holds call ${draft.callInstanceId}'s review`)
      this.entries.set(row.call_id, { draft, stamp, journaledAt: row.journaled_at, baseUpdatedAt: row.base_updated_at })
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 300) : String(error)
      const problem = { callInstanceId: row.call_id, message: `unreadable draft of call ${row.call_id}: ${reason}` }
      this.problems.push(problem)
      // Left in the file: a draft is the reviewer's work, so nothing here deletes what it cannot read.
      console.warn(`CallLens: ${this.label}: ${problem.message} (left in review_drafts, not restored)`)
    }
  }

  /**
   * Keeps this edit as the call's pending draft; false when main already holds or has stored the
   * same editor's draft at this revision or a later one (an edit that arrived late changes nothing).
   * `storedUpdatedAt` is the call's stored review's updatedAt now.
   */
  put(input: DraftJournalInput, storedUpdatedAt: string | null): boolean {
    const draft = reviewInputSchema.parse(input.draft)
    const stamp = draftStampSchema.parse(input.stamp)
    const id = draft.callInstanceId
    const stored = this.lastStored.get(id)
    const current = this.entries.get(id)
    if ((stored && sameOrLater(stored, stamp)) || (current && sameOrLater(current.stamp, stamp))) return false
    const entry: Entry = { draft, stamp, journaledAt: this.now().toISOString(), baseUpdatedAt: storedUpdatedAt }
    this.statements.upsert.run({
      call_id: id,
      draft: JSON.stringify(draft),
      editor: stamp.editor,
      revision: stamp.revision,
      base_updated_at: storedUpdatedAt,
      journaled_at: entry.journaledAt,
    })
    this.entries.set(id, entry)
    return true
  }

  /**
   * A review was stored: its pending draft goes, unless it is a later revision by the editor of this
   * save (an edit made while the save was on its way), which stays — newer than the review just
   * stored. Run inside the transaction that stores the review; apply what it returns once that
   * transaction has committed.
   */
  stored(review: Review, stamp: DraftStamp | null): () => void {
    const id = review.callInstanceId
    const current = this.entries.get(id)
    const keep =
      !!current && !!stamp && current.stamp.editor === stamp.editor && current.stamp.revision > stamp.revision
    if (keep) this.statements.rebase.run(review.updatedAt, id)
    else if (current) this.statements.delete.run(id)
    return () => {
      const last = this.lastStored.get(id)
      if (stamp && !(last && sameOrLater(last, stamp))) this.lastStored.set(id, stamp)
      if (keep) current.baseUpdatedAt = review.updatedAt
      else this.entries.delete(id)
    }
  }

  /**
   * The call's pending draft, when it is newer than the review stored now. One whose review was
   * stored since by another way (another window, an import) is stale: dropped, never shown.
   */
  pending(callInstanceId: number, storedUpdatedAt: string | null): PendingDraft | null {
    const entry = this.entries.get(callInstanceId)
    if (!entry) return null
    if (entry.baseUpdatedAt !== storedUpdatedAt) {
      this.drop(callInstanceId)
      return null
    }
    return { draft: entry.draft, stamp: entry.stamp, journaledAt: entry.journaledAt }
  }

  /** Every pending draft newer than its call's stored review (`storedUpdatedAt` of a call id), by call. */
  all(storedUpdatedAt: (callInstanceId: number) => string | null): PendingDraft[] {
    return [...this.entries.keys()]
      .sort((a, b) => a - b)
      .map((id) => this.pending(id, storedUpdatedAt(id)))
      .filter((entry) => entry !== null)
  }

  /** How many calls have a pending draft. */
  get size(): number {
    return this.entries.size
  }

  private drop(callInstanceId: number): void {
    this.statements.delete.run(callInstanceId)
    this.entries.delete(callInstanceId)
  }
}
