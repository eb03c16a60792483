// The simulator's dataset format: what a BYRobot account holds, in the API's own
// field names and shapes. The bundled demo (resources/demo/dataset.json) is one;
// the generator produces the same shape in memory (with transcripts made on demand).
// The simulator knows nothing of CallLens: this file must not import from outside electron/sim.
import { z } from 'zod'

export const simCredentialSchema = z.object({
  appKey: z.string(),
  appSecret: z.string(),
  /** Companies this key may read; any other companyId → 403. */
  companyIds: z.array(z.number()),
})

export const simCompanySchema = z.object({ companyId: z.number(), name: z.string() })

export const simCallerPhoneSchema = z.object({
  jobPhoneId: z.number(),
  userPhoneId: z.number(),
  phone: z.string(),
  phoneName: z.string(),
})

/** A task as getTaskDetail describes it, minus the stats the simulator derives from the calls. */
export const simTaskSchema = z.object({
  companyId: z.number(),
  callJobId: z.number(),
  jobName: z.string(),
  jobType: z.number(),
  startDate: z.string(),
  createDate: z.string(),
  workingStartTime: z.string(),
  workingEndTime: z.string(),
  breakStartTime: z.string().nullable(),
  breakEndTime: z.string().nullable(),
  status: z.number(),
  deleted: z.boolean(),
  sceneDefId: z.number(),
  remark: z.string(),
  robotDefName: z.string().nullable(),
  sceneDefName: z.string().nullable(),
  sceneRecordName: z.string().nullable(),
  resultDefs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  callPhones: z.array(simCallerPhoneSchema),
})

export const simPhoneLogSchema = z.object({
  sceneInstanceLogId: z.number(),
  speaker: z.enum(['AI', 'ME']),
  content: z.string(),
  userMean: z.string().nullable(),
  userMeanDetail: z.string().nullable(),
  aiUnknown: z.number(),
  /** ms from the start of the recording; 0/0 when the platform gave no timing (AI lines often). */
  startTime: z.number(),
  endTime: z.number(),
})

export const simResultSchema = z.object({
  resultName: z.string(),
  resultValue: z.string(),
  resultDesc: z.string().nullable(),
})

/** One done call: sceneInstance fields + its transcript, results and recording files. */
export const simCallSchema = z.object({
  callInstanceId: z.number(),
  callJobId: z.number(),
  companyId: z.number(),
  customerId: z.number(),
  customerTelephone: z.string(),
  customerName: z.string(),
  status: z.number(),
  finishStatus: z.number(),
  /** Seconds. */
  duration: z.number(),
  chatRound: z.number(),
  startTime: z.string(),
  endTime: z.string(),
  callerPhone: z.string(),
  properties: z.string(),
  handlePerson: z.string(),
  callType: z.number(),
  readStatus: z.number(),
  robotDefId: z.number(),
  sceneDefId: z.number(),
  sceneRecordId: z.number(),
  hangUp: z.number().nullable(),
  secondaryCallTime: z.string(),
  secondaryCallTimes: z.number(),
  phoneLogs: z.array(simPhoneLogSchema),
  taskResult: z.array(simResultSchema),
  /** Recording file relative to the dataset directory (null: unanswered call, no recording). */
  recording: z.string().nullable(),
  /** Customer-only track, relative to the dataset directory. */
  userRecording: z.string().nullable(),
})

export const simNotDialedSchema = z.object({
  callInstanceId: z.number(),
  taskId: z.number(),
  customerName: z.string(),
  customerTelephone: z.string(),
  status: z.number(),
  startTime: z.string(),
  callerPhone: z.string(),
  corpName: z.string(),
  calledTimes: z.number(),
})

export const simDatasetSchema = z.object({
  version: z.literal(1),
  credentials: z.array(simCredentialSchema),
  companies: z.array(simCompanySchema),
  tasks: z.array(simTaskSchema),
  calls: z.array(simCallSchema),
  notDialed: z.array(simNotDialedSchema),
})

export type SimDataset = z.infer<typeof simDatasetSchema>
export type SimTask = z.infer<typeof simTaskSchema>
export type SimCall = z.infer<typeof simCallSchema>
export type SimPhoneLog = z.infer<typeof simPhoneLogSchema>
export type SimNotDialed = z.infer<typeof simNotDialedSchema>
