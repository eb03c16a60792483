// Picks the transport once: the preload's bridge in Electron, HTTP in browser mode.
// Domain functions below are the only place channel names appear in the renderer.
import type { CallLink } from '@shared/call-link-path'
import type {
  CalibrationGradeInput,
  CallFilterInput,
  CallSortInput,
  ConnectionTestInput,
  DraftStamp,
  ExportRequestInput,
  ProfileInput,
  PeakResolution,
  QueuePlan,
  RecordingKind,
  ReviewInput,
  Settings,
  SettingsPatch,
  SyncProgress,
  TaskFilter,
  TeamCallsInput,
  TeamProfileInput,
  TeamStatus,
  TeamTestInput,
  UpdateStatus,
} from '@shared/contract'
import { createApiClient } from './client'
import { createHttpTransport, takeToken } from './http-transport'
import { createIpcTransport } from './ipc-transport'
import { toPlayerRecording } from './peaks'

const client = createApiClient(window.calllens ? createIpcTransport(window.calllens) : createHttpTransport(takeToken()))

/**
 * Sends the calls every start-up makes — and the task list's, when the page lands on it — before
 * the stores ask: their first calls take these answers.
 */
export function sendStartUpCalls({ taskList }: { taskList: boolean }): void {
  client.prefetch('profiles.list')
  client.prefetch('settings.get')
  client.prefetch('app.info')
  client.prefetch('sync.status')
  if (taskList) client.prefetch('tasks.list', {})
}

export const appApi = {
  info: () => client.call('app.info'),
  /** Electron: a calllens:// link was opened while the app runs. */
  onOpenCall: (listener: (link: CallLink) => void) => client.on('app.openCall', listener),
}

/** The installed app's updates (browser mode: always 'unsupported'). */
export const updatesApi = {
  status: () => client.call('updates.status'),
  check: () => client.call('updates.check'),
  onStatus: (listener: (status: UpdateStatus) => void) => client.on('updates.status', listener),
}

export const settingsApi = {
  get: () => client.call('settings.get'),
  set: (patch: SettingsPatch) => client.call('settings.set', patch),
  onChanged: (listener: (settings: Settings) => void) => client.on('settings.changed', listener),
}

export { ApiError } from './client'
export { TransportError } from './transport'
export type { PlayerRecording } from './peaks'

export const profilesApi = {
  list: () => client.call('profiles.list'),
  save: (input: ProfileInput) => client.call('profiles.save', input),
  test: (input: ConnectionTestInput) => client.call('profiles.test', input),
  activate: (id: string) => client.call('profiles.activate', { id }),
  remove: (id: string) => client.call('profiles.remove', { id }),
  usage: () => client.call('profiles.usage'),
  connection: () => client.call('profiles.connection'),
}

/** Team profiles: the member's password goes in, never out. */
export const teamApi = {
  saveProfile: (input: TeamProfileInput) => client.call('team.saveProfile', input),
  test: (input: TeamTestInput) => client.call('team.test', input),
  status: () => client.call('team.status'),
  pull: () => client.call('team.pull'),
  claim: (count: number) => client.call('team.claim', { count }),
  release: (callIds: number[]) => client.call('team.release', { callIds }),
  onStatus: (listener: (status: TeamStatus) => void) => client.on('team.status', listener),
  /** Reviews the member's other devices changed arrived in this profile's reviews. */
  onReviewsChanged: (listener: (change: { profileId: string; callIds: number[] }) => void) =>
    client.on('team.reviewsChanged', listener),
  /** "Edited on another device": this device's note the other one replaced, or null. */
  noteConflict: (callInstanceId: number) => client.call('team.noteConflict', { callInstanceId }),
  restoreNote: (callInstanceId: number) => client.call('team.restoreNote', { callInstanceId }),
  dismissNoteConflict: (callInstanceId: number) => client.call('team.dismissNoteConflict', { callInstanceId }),
}

/** Blind calibration: always on the team database, as the member (nothing is queued offline). */
export const calibrationApi = {
  list: () => client.call('calibration.list'),
  get: (sessionId: number) => client.call('calibration.get', { sessionId }),
  submit: (sessionId: number, callInstanceId: number, grade: CalibrationGradeInput) =>
    client.call('calibration.submit', { sessionId, callInstanceId, grade }),
  create: (input: { name: string; callIds: number[]; participants: string[]; due: string }) =>
    client.call('calibration.create', input),
  reveal: (sessionId: number) => client.call('calibration.reveal', { sessionId }),
}

export const demoApi = {
  start: () => client.call('demo.start'),
}

export const syncApi = {
  start: (taskId?: number) => client.call('sync.start', taskId === undefined ? {} : { taskId }),
  fetchCall: (callInstanceId: number) => client.call('sync.call', { callInstanceId }),
  cancel: () => client.call('sync.cancel'),
  status: () => client.call('sync.status'),
  onProgress: (listener: (progress: SyncProgress) => void) => client.on('sync.progress', listener),
}

export const tasksApi = {
  list: (filter: TaskFilter = {}) => client.call('tasks.list', filter),
  get: (taskId: number) => client.call('tasks.get', { taskId }),
  notDialed: (taskId: number) => client.call('tasks.notDialed', { taskId }),
}

export const callsApi = {
  query: (filter: CallFilterInput, sort: CallSortInput, offset: number, limit: number) =>
    client.call('calls.query', { filter, sort, page: { offset, limit } }),
  facets: (filter: CallFilterInput) => client.call('calls.facets', { filter }),
  /** The call after or before one in the whole filtered list (N / P); null at an end. */
  /** With `problem`, the next call with a problem (PROBLEM_SILENCE_MS). */
  neighbour: (
    filter: CallFilterInput,
    sort: CallSortInput,
    callInstanceId: number,
    direction: 'next' | 'previous',
    problem = false,
  ) => client.call('calls.neighbour', { filter, sort, callInstanceId, direction, ...(problem ? { problem } : {}) }),
  progress: (filter: CallFilterInput) => client.call('calls.progress', { filter }),
  get: (callInstanceId: number) => client.call('calls.get', { callInstanceId }),
  /** All the review page draws first: the call, its task's result names, the full recording. */
  /** `peaks`: the resolution the waveform will draw the full track at (all cached peaks when omitted). */
  open: async (callInstanceId: number, peaks?: PeakResolution) => {
    const { full, ...rest } = await client.call('calls.open', { callInstanceId, ...(peaks ? { peaks } : {}) })
    return { ...rest, full: toPlayerRecording(full) }
  },
}

export const mediaApi = {
  recording: async (callInstanceId: number, kind: RecordingKind = 'full', peaks?: PeakResolution) =>
    toPlayerRecording(await client.call('media.recording', { callInstanceId, kind, ...(peaks ? { peaks } : {}) })),
}

export const exportApi = {
  /**
   * what: the filtered calls (default), or the not-dialed customers or tasks of the filter's task;
   * with profileId, every call of that profile (kept before removing it). The app saves it where
   * its dialog says; browser mode answers with a download link.
   */
  run: (request: ExportRequestInput) => client.call('export.calls', request),
}

export const queuesApi = {
  /** The strata a plan cuts the task's unreviewed calls into, and how many each would give. */
  preview: (plan: QueuePlan) => client.call('queues.preview', plan),
  create: (name: string, plan: QueuePlan) => client.call('queues.create', { name, plan }),
  list: () => client.call('queues.list'),
  remove: (queueId: number) => client.call('queues.remove', { queueId }),
  neighbour: (queueId: number, callInstanceId: number, direction: 'next' | 'previous') =>
    client.call('queues.neighbour', { queueId, callInstanceId, direction }),
}

export const reviewsApi = {
  /** The call's stored review (null when it has none). */
  get: (callInstanceId: number) => client.call('reviews.get', { callInstanceId }),
  /** `stamp`: which edit of the page's draft this is, so main drops its journaled copy once stored. */
  save: (review: ReviewInput, stamp?: DraftStamp) => client.call('reviews.save', stamp ? { ...review, stamp } : review),
  /** Every edit, at once: main keeps it until a save of it is stored (the page may die first). */
  journal: (draft: ReviewInput, stamp: DraftStamp) => client.call('reviews.journal', { draft, stamp }),
  /** Drafts main journaled for a page that died before they were stored. */
  pending: () => client.call('reviews.pending'),
  categories: () => client.call('reviews.categories'),
  setCategories: (categories: string[]) => client.call('reviews.setCategories', { categories }),
}

export const insightsApi = {
  /** The QA insight of one task's cached calls, or of every task's taken together (may take seconds). */
  report: (taskId?: number) => client.call('insights.report', taskId === undefined ? {} : { taskId }),
}

/** The lead's page (team profiles whose member is a lead): reports read on the team server. */
export const teamReportsApi = {
  role: () => client.call('teamReports.role'),
  progress: () => client.call('teamReports.progress'),
  overdue: () => client.call('teamReports.overdue'),
  accuracy: (campaign?: number) => client.call('teamReports.accuracy', campaign === undefined ? {} : { campaign }),
  sessions: () => client.call('teamReports.sessions'),
  campaigns: () => client.call('teamReports.campaigns'),
  calls: (input: TeamCallsInput) => client.call('teamReports.calls', input),
  openCall: (callId: number) => client.call('teamReports.openCall', { callId }),
}
