// The offline cache's public surface.
export { CallCache, type CallCacheOptions } from './call-cache'
export type { CallCursor, CallIdPage } from './export-pages'
export type { InsightCallRow } from './insight-reader'
export { ReviewStore } from './review-store'
export type { Peaks, RecordingInput } from './recordings'
export type { SyncState, SyncStatePatch } from './sync-state-store'
export type { TaskListItem, TaskListQuery, TaskSyncStats } from './task-store'
