// Team sync's own tables in the reviews file (review-schema.ts v4): the outbox, each call's synced
// state, this device's id, clock and cursor, and the note conflicts offered back. Statements only;
// callers decide the transactions (always on the ReviewStore's connection).
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../../cache/database'
import { START_CURSOR, teamOpSchema, type PullCursor, type TeamOp } from './contract'
import type { SyncedReview } from './merge'

export interface OutboxRow {
  seq: number
  op: TeamOp
  attempts: number
}

export interface ParkedOp {
  seq: number
  op: unknown
  error: string
  createdAt: string
}

export interface NoteConflict {
  callInstanceId: number
  /** This device's note, replaced by a later edit made on another device. */
  localText: string
  at: string
}

interface StateRow {
  device_id: string
  member: string
  last_hlc: string | null
  cursor_txid: string
  cursor_seq: number
  last_push_at: string | null
  last_pull_at: string | null
}

interface OutboxDbRow {
  seq: number
  op: string
  attempts: number
  last_error: string | null
  created_at: string
}

export class SyncTables {
  private readonly s

  constructor(private readonly db: Db) {
    this.s = {
      state: db.prepare<[], StateRow>('SELECT * FROM team_sync_state WHERE id = 1'),
      createState: db.prepare(
        'INSERT INTO team_sync_state (id, device_id, member) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      setHlc: db.prepare('UPDATE team_sync_state SET last_hlc = ? WHERE id = 1'),
      setCursor: db.prepare(
        'UPDATE team_sync_state SET cursor_txid = ?, cursor_seq = ?, last_pull_at = ? WHERE id = 1',
      ),
      setPushAt: db.prepare('UPDATE team_sync_state SET last_push_at = ? WHERE id = 1'),
      loadClocks: db.prepare<[number], { state: string }>('SELECT state FROM review_clocks WHERE call_id = ?'),
      saveClocks: db.prepare(
        'INSERT INTO review_clocks (call_id, state) VALUES (?, ?) ON CONFLICT (call_id) DO UPDATE SET state = excluded.state',
      ),
      enqueue: db.prepare('INSERT INTO review_outbox (op_id, call_id, op, created_at) VALUES (?, ?, ?, ?)'),
      pending: db.prepare<[number], OutboxDbRow>(
        'SELECT seq, op, attempts, last_error, created_at FROM review_outbox WHERE parked = 0 ORDER BY seq LIMIT ?',
      ),
      parked: db.prepare<[], OutboxDbRow>(
        'SELECT seq, op, attempts, last_error, created_at FROM review_outbox WHERE parked = 1 ORDER BY seq',
      ),
      remove: db.prepare('DELETE FROM review_outbox WHERE op_id = ?'),
      fail: db.prepare('UPDATE review_outbox SET attempts = attempts + 1, last_error = ? WHERE op_id = ?'),
      parkSeq: db.prepare('UPDATE review_outbox SET parked = 1, last_error = ? WHERE seq = ?'),
      park: db.prepare('UPDATE review_outbox SET parked = 1, attempts = attempts + 1, last_error = ? WHERE op_id = ?'),
      counts: db.prepare<[], { pending: number; parked: number }>(
        'SELECT count(*) FILTER (WHERE parked = 0) AS pending, count(*) FILTER (WHERE parked = 1) AS parked FROM review_outbox',
      ),
      putConflict: db.prepare(
        `INSERT INTO team_note_conflicts (call_id, local_text, remote_hlc, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (call_id) DO UPDATE SET local_text = excluded.local_text, remote_hlc = excluded.remote_hlc,
           at = excluded.at`,
      ),
      conflicts: db.prepare<[], { call_id: number; local_text: string; at: string }>(
        'SELECT call_id, local_text, at FROM team_note_conflicts ORDER BY at, call_id',
      ),
      deleteConflict: db.prepare('DELETE FROM team_note_conflicts WHERE call_id = ?'),
    }
  }

  /**
   * This profile's device id, made once and kept with the reviews it pushes. A reviews file syncs as
   * one member: the server ties a device id to the member who first pushed from it.
   */
  ensureDevice(member: string): StateRow {
    this.s.createState.run(randomUUID(), member)
    const row = this.s.state.get()!
    if (row.member !== member)
      throw new Error(
        `these reviews sync with the team as "${row.member}", not "${member}": give ${member} a profile of their own`,
      )
    return row
  }

  syncState(): StateRow {
    return this.s.state.get()!
  }

  setLastHlc(hlc: string): void {
    this.s.setHlc.run(hlc)
  }

  cursor(): PullCursor {
    const row = this.s.state.get()
    return row ? { txid: row.cursor_txid, seq: row.cursor_seq } : START_CURSOR
  }

  setCursor(cursor: PullCursor, at: string): void {
    this.s.setCursor.run(cursor.txid, cursor.seq, at)
  }

  setLastPushAt(at: string): void {
    this.s.setPushAt.run(at)
  }

  loadState(callId: number): SyncedReview | null {
    const row = this.s.loadClocks.get(callId)
    return row ? (JSON.parse(row.state) as SyncedReview) : null
  }

  saveState(callId: number, state: SyncedReview): void {
    this.s.saveClocks.run(callId, JSON.stringify(state))
  }

  enqueue(ops: readonly TeamOp[], at: string): void {
    for (const op of ops) this.s.enqueue.run(op.opId, op.callId, JSON.stringify(op), at)
  }

  /** The oldest ops not parked, in push order; a row that no longer reads as an op is parked, not sent. */
  pending(limit: number): OutboxRow[] {
    const rows: OutboxRow[] = []
    for (const row of this.s.pending.all(limit)) {
      const op = teamOpSchema.safeParse(safeJson(row.op))
      if (op.success) rows.push({ seq: row.seq, op: op.data, attempts: row.attempts })
      else this.s.parkSeq.run(`unreadable op: ${z.prettifyError(op.error)}`, row.seq)
    }
    return rows
  }

  /** Ops the server refused, with its reason; `op` is the raw JSON when it no longer reads as one. */
  parked(): ParkedOp[] {
    return this.s.parked
      .all()
      .map((row) => ({ seq: row.seq, op: safeJson(row.op), error: row.last_error ?? '', createdAt: row.created_at }))
  }

  /** An op the server acknowledged (applied, stale, duplicate or frozen) leaves the outbox. */
  acknowledged(opId: string): void {
    this.s.remove.run(opId)
  }

  failed(opId: string, error: string): void {
    this.s.fail.run(error, opId)
  }

  /** The server refused the op itself: kept, out of the queue, for the reviewer to see. */
  park(opId: string, error: string): void {
    this.s.park.run(error, opId)
  }

  counts(): { pending: number; parked: number } {
    return this.s.counts.get()!
  }

  /** Offers the losing text back; a later loss of the same call replaces it (the reviewer's latest words). */
  putNoteConflict(callId: number, localText: string, remoteHlc: string, at: string): void {
    this.s.putConflict.run(callId, localText, remoteHlc, at)
  }

  noteConflicts(): NoteConflict[] {
    return this.s.conflicts.all().map((row) => ({ callInstanceId: row.call_id, localText: row.local_text, at: row.at }))
  }

  deleteNoteConflict(callId: number): boolean {
    return this.s.deleteConflict.run(callId).changes > 0
  }
}

function safeJson(json: string): unknown {
  try {
    return JSON.parse(json) as unknown
  } catch {
    return json
  }
}
