// Per-task sync bookkeeping (so a killed sync resumes where it was) and each task's
// not-dialed customer list, which sync replaces wholesale.
import type { NotDialedCustomer } from '../../shared/contract/domain'
import type { Db } from './database'

export interface SyncState {
  taskId: number
  /** Free-form step name owned by sync (e.g. 'list', 'details', 'recordings', 'done'). */
  phase: string | null
  /** Opaque resume position owned by sync (e.g. the next list page, as JSON). */
  cursor: string | null
  /** The done-call list's `total` as last seen. */
  listTotal: number | null
  lastSyncedAt: string | null
  error: string | null
  updatedAt: string
}

export type SyncStatePatch = Partial<Omit<SyncState, 'taskId' | 'updatedAt'>>

interface SyncStateRow {
  task_id: number
  phase: string | null
  cursor: string | null
  list_total: number | null
  last_synced_at: string | null
  error: string | null
  updated_at: string
}

const EMPTY: Omit<SyncState, 'taskId' | 'updatedAt'> = {
  phase: null,
  cursor: null,
  listTotal: null,
  lastSyncedAt: null,
  error: null,
}

export class SyncStateStore {
  private readonly s

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    this.s = {
      get: db.prepare<[number], SyncStateRow>('SELECT * FROM sync_state WHERE task_id = ?'),
      put: db.prepare(
        `INSERT OR REPLACE INTO sync_state (task_id, phase, cursor, list_total, last_synced_at, error, updated_at)
         VALUES (@taskId, @phase, @cursor, @listTotal, @lastSyncedAt, @error, @updatedAt)`,
      ),
      deleteNotDialed: db.prepare('DELETE FROM not_dialed WHERE task_id = ?'),
      insertNotDialed: db.prepare(
        `INSERT OR REPLACE INTO not_dialed (task_id, call_id, customer_name, customer_telephone, status, start_time,
           caller_phone, corp_name, called_times)
         VALUES (@taskId, @callInstanceId, @customerName, @customerTelephone, @status, @startTime,
           @callerPhone, @corpName, @calledTimes)`,
      ),
      listNotDialed: db.prepare<[number], NotDialedCustomer>(
        `SELECT call_id AS callInstanceId, task_id AS taskId, customer_name AS customerName,
           customer_telephone AS customerTelephone, status, start_time AS startTime, caller_phone AS callerPhone,
           corp_name AS corpName, called_times AS calledTimes
         FROM not_dialed WHERE task_id = ? ORDER BY start_time, call_id`,
      ),
    }
  }

  getSyncState(taskId: number): SyncState | null {
    const row = this.s.get.get(taskId)
    if (!row) return null
    return {
      taskId: row.task_id,
      phase: row.phase,
      cursor: row.cursor,
      listTotal: row.list_total,
      lastSyncedAt: row.last_synced_at,
      error: row.error,
      updatedAt: row.updated_at,
    }
  }

  /** Merges the patch into the stored state (fields left out keep their value). */
  setSyncState(taskId: number, patch: SyncStatePatch): SyncState {
    return this.db.transaction(() => {
      const current = this.getSyncState(taskId) ?? { ...EMPTY, taskId }
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      const next: SyncState = { ...current, ...defined, taskId, updatedAt: this.now().toISOString() }
      this.s.put.run(next)
      return next
    })()
  }

  /** Replaces the task's not-dialed list (a customer on two shifted pages is kept once). */
  saveNotDialed(taskId: number, customers: readonly NotDialedCustomer[]): void {
    this.db.transaction(() => {
      this.s.deleteNotDialed.run(taskId)
      for (const c of customers) this.s.insertNotDialed.run({ ...c, taskId })
    })()
  }

  listNotDialed(taskId: number): NotDialedCustomer[] {
    return this.s.listNotDialed.all(taskId)
  }
}
