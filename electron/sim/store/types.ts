// The simulator's in-memory model: what the API handlers read, whether the data was loaded
// from a dataset directory or generated (lazily) from a seed.
import type { SimCall, SimNotDialed, SimPhoneLog, SimTask } from '../dataset/schema'
import type { z } from 'zod'
import type { simCompanySchema, simCredentialSchema, simResultSchema } from '../dataset/schema'

export type SimCredential = z.infer<typeof simCredentialSchema>
export type SimCompany = z.infer<typeof simCompanySchema>
export type SimResult = z.infer<typeof simResultSchema>

/** The sceneInstance part of a call: everything except transcript, results and recording files. */
export type CallInstance = Omit<SimCall, 'phoneLogs' | 'taskResult' | 'recording' | 'userRecording'>

/** When someone really spoke, in ms from the start of the recording (even where phoneLogs say 0/0). */
export interface SpeechSegment {
  speaker: 'AI' | 'ME'
  startMs: number
  endMs: number
  /** A customer line that starts before the AI line before it ends (generated calls only). */
  bargeIn?: true
}

export type RecordingTrack = 'mix' | 'user'

export type RecordingSource =
  | { kind: 'file'; path: string; ext: 'mp3' | 'wav' }
  | { kind: 'synth'; ext: 'wav'; durationMs: number; segments: readonly SpeechSegment[] }

export interface CallTranscript {
  phoneLogs: SimPhoneLog[]
  /** True speech timing, for synthesised recordings; null when the recording is a real file. */
  speech: SpeechSegment[] | null
}

/** One done call. Filters read the plain fields; the rest is produced on demand. */
export interface CallEntry {
  readonly callInstanceId: number
  readonly callJobId: number
  readonly companyId: number
  readonly finishStatus: number
  readonly duration: number
  readonly chatRound: number
  /** Epoch ms when the call ended: the done-call list is ordered by it, newest first. */
  readonly endedAt: number
  instance(): CallInstance
  results(): readonly SimResult[]
  transcript(): CallTranscript
  /** Extension of the recording for URL building, without producing it; null: no recording. */
  recordingExt(track: RecordingTrack): 'mp3' | 'wav' | null
  recording(track: RecordingTrack): RecordingSource | null
}

export interface TaskState {
  task: SimTask
  /** Done calls, oldest first (appending is how calls finish); the API reads it newest first. */
  calls: CallEntry[]
  notDialed: SimNotDialed[]
}

/** Makes a newly finished call for a task (admin finish-calls and the churn fault). */
export type CallFactory = (
  task: SimTask,
  callInstanceId: number,
  endedAt: number,
  person?: { customerName: string; customerTelephone: string },
) => CallEntry

export interface SimWorld {
  credentials: SimCredential[]
  companies: SimCompany[]
  tasks: TaskState[]
  /** Next unused callInstanceId, for calls minted when a task has no not-dialed customer left. */
  nextCallId: number
  makeCall: CallFactory
}
