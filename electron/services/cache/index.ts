// The offline cache's public surface.
export { CallCache, type CallCacheOptions } from './call-cache'
export { ReviewStore } from './review-store'
export { peaksFromFloats, type Peaks, type RecordingInput } from './recordings'
export type { SyncState, SyncStatePatch } from './sync-state-store'
export type { TaskListItem, TaskListQuery, TaskSyncStats } from './task-store'
