// CallLens's own domain types, normalised once at the BYRobot client's edge
// (duration in seconds, enums as numbers, nulls kept as null = unknown).
// The cache stores them and the routes return them.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'

export { FINISH_STATUS, TASK_STATUS } from './constants'

export const nameCountSchema = lazySchema(() => z.object({ name: z.string(), value: z.number().nullable() }))
export type NameCount = z.infer<typeof nameCountSchema>

export const callerLineSchema = lazySchema(() =>
  z.object({
    jobPhoneId: z.number().nullable(),
    userPhoneId: z.number().nullable(),
    phone: z.string(),
    phoneName: z.string().nullable(),
  }),
)
export type CallerLine = z.infer<typeof callerLineSchema>

export const resultDefSchema = lazySchema(() => z.object({ name: z.string(), values: z.array(z.string()) }))
export type ResultDef = z.infer<typeof resultDefSchema>

export const taskSchema = lazySchema(() =>
  z.object({
    taskId: z.number(),
    companyId: z.number(),
    name: z.string(),
    jobType: z.number().nullable(),
    status: z.number().nullable(),
    startDate: z.string().nullable(),
    workingStartTime: z.string().nullable(),
    workingEndTime: z.string().nullable(),
    breakStartTime: z.string().nullable(),
    breakEndTime: z.string().nullable(),
    remark: z.string().nullable(),
    sceneDefId: z.number().nullable(),
    sceneDefName: z.string().nullable(),
    robotDefName: z.string().nullable(),
    sceneRecordName: z.string().nullable(),
    totalCount: z.number().nullable(),
    doneCount: z.number().nullable(),
    calledCount: z.number().nullable(),
    rejectedCount: z.number().nullable(),
    unavailableCount: z.number().nullable(),
    fromUnavailableCount: z.number().nullable(),
  }),
)
export type Task = z.infer<typeof taskSchema>

/** What getTaskDetail adds to a task. */
export const taskDetailSchema = lazySchema(() =>
  taskSchema.extend({
    durationStat: z.array(nameCountSchema),
    chatRoundStat: z.array(nameCountSchema),
    resultDefs: z.array(resultDefSchema),
    extraStat: z.record(z.string(), z.array(nameCountSchema)),
    callerLines: z.array(callerLineSchema),
    /** extraStat parts in a shape CallLens cannot read, as JSON text: shown, never charted. */
    unrecognisedStats: z.string().optional(),
  }),
)
export type TaskDetail = z.infer<typeof taskDetailSchema>

export const callResultSchema = lazySchema(() =>
  z.object({
    name: z.string(),
    value: z.string(),
    desc: z.string().nullable(),
  }),
)
export type CallResult = z.infer<typeof callResultSchema>

export const speakerSchema = lazySchema(() => z.enum(['ai', 'customer', 'other']))
export type Speaker = z.infer<typeof speakerSchema>

export const transcriptLineSchema = lazySchema(() =>
  z.object({
    index: z.number(),
    speaker: speakerSchema,
    content: z.string(),
    startMs: z.number(),
    endMs: z.number(),
    /** True when the API gave 0/0 and the position was inferred from the neighbours. */
    inferred: z.boolean(),
    userMean: z.string().nullable(),
    aiUnknown: z.boolean().nullable(),
  }),
)
export type TranscriptLine = z.infer<typeof transcriptLineSchema>

/** A done call as the done-call list gives it. */
export const callSummarySchema = lazySchema(() =>
  z.object({
    callInstanceId: z.number(),
    taskId: z.number(),
    customerName: z.string().nullable(),
    customerTelephone: z.string().nullable(),
    status: z.number().nullable(),
    finishStatus: z.number().nullable(),
    durationSec: z.number().nullable(),
    chatRound: z.number().nullable(),
    startTime: z.string().nullable(),
    endTime: z.string().nullable(),
    callerPhone: z.string().nullable(),
    recordingUrl: z.string().nullable(),
    redialTimes: z.number().nullable(),
    results: z.array(callResultSchema),
  }),
)
export type CallSummary = z.infer<typeof callSummarySchema>

/** phoneLogInfo, normalised. */
export const callDetailSchema = lazySchema(() =>
  callSummarySchema.extend({
    customerRecordingUrl: z.string().nullable(),
    hangUp: z.number().nullable(),
    callType: z.number().nullable(),
    handlePerson: z.string().nullable(),
    properties: z.record(z.string(), z.unknown()).nullable(),
    transcript: z.array(transcriptLineSchema),
  }),
)
export type CallDetail = z.infer<typeof callDetailSchema>

export const notDialedCustomerSchema = lazySchema(() =>
  z.object({
    callInstanceId: z.number(),
    taskId: z.number(),
    customerName: z.string().nullable(),
    customerTelephone: z.string().nullable(),
    status: z.number().nullable(),
    startTime: z.string().nullable(),
    callerPhone: z.string().nullable(),
    corpName: z.string().nullable(),
    calledTimes: z.number().nullable(),
  }),
)
export type NotDialedCustomer = z.infer<typeof notDialedCustomerSchema>
