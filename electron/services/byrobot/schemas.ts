// Zod schemas of the BYRobot wire format, deliberately tolerant: unknown fields pass
// through, scalars are taken as they come (normalize.ts converts them), and only the
// shape that makes a response usable at all (objects, lists, ids) is enforced.
import { z } from 'zod'
import { lazySchema } from '../../shared/contract/lazy-schema'

/** Any scalar, or absent; "2" vs 2, null vs absent are settled in normalize.ts. */
const scalar = lazySchema(() => z.unknown().optional())

/** Ids identify rows: they must be there, as a number or a digit string. */
const id = lazySchema(() => z.union([z.number().int(), z.string().regex(/^\s*\d+\s*$/)]).transform(Number))

const list = <T extends z.ZodType>(item: T) => z.array(item).nullish()

export const envelopeSchema = lazySchema(() =>
  z.looseObject({
    code: id,
    // Error envelopes may leave data out.
    data: z.unknown().optional(),
    resultMsg: scalar,
    errorStackTrace: scalar,
  }),
)

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    pageNum: scalar,
    pageSize: scalar,
    size: scalar,
    // notDialedCustomerList's example has neither total nor pages.
    total: scalar,
    pages: scalar,
    list: list(item),
  })

const nameValueSchema = lazySchema(() => z.looseObject({ name: scalar, value: scalar }))

const callPhoneSchema = lazySchema(() =>
  z.looseObject({
    jobPhoneId: scalar,
    userPhoneId: scalar,
    callJobId: scalar,
    phone: scalar,
    phoneName: scalar,
  }),
)

export const rawTaskSchema = lazySchema(() =>
  z.looseObject({
    callJobId: id,
    companyId: scalar,
    jobName: scalar,
    jobType: scalar,
    startDate: scalar,
    workingStartTime: scalar,
    workingEndTime: scalar,
    breakStartTime: scalar,
    breakEndTime: scalar,
    status: scalar,
    remark: scalar,
    sceneDefId: scalar,
    sceneDefName: scalar,
    robotDefName: scalar,
    sceneRecordName: scalar,
    totalCount: scalar,
    doneCount: scalar,
    calledCount: scalar,
    rejectedCount: scalar,
    unavailableCount: scalar,
    fromUnavailableCount: scalar,
    callPhones: list(callPhoneSchema),
  }),
)
export type RawTask = z.infer<typeof rawTaskSchema>

export const rawTaskDetailSchema = lazySchema(() =>
  rawTaskSchema.extend({
    durationStat: list(nameValueSchema),
    chatRoundStat: list(nameValueSchema),
    resultDefs: list(z.looseObject({ name: scalar, values: list(scalar) })),
    // An object in the document's example, a List in its table: extra-stat.ts reads either.
    extraStat: z.unknown().optional(),
  }),
)
export type RawTaskDetail = z.infer<typeof rawTaskDetailSchema>

export const rawDoneCallSchema = lazySchema(() =>
  z.looseObject({
    callInstanceId: id,
    callJobId: id.nullish(),
    customerTelephone: scalar,
    customerName: scalar,
    status: scalar,
    finishStatus: scalar,
    duration: scalar,
    chatRound: scalar,
    startTime: scalar,
    endTime: scalar,
    callerPhone: scalar,
    luyinOssUrl: scalar,
    // secondaryCallTime ("1970-01-01 …" = none) is not kept: the domain has only redialTimes.
    secondaryCallTimes: scalar,
    resultList: list(nameValueSchema),
  }),
)
export type RawDoneCall = z.infer<typeof rawDoneCallSchema>

export const rawNotDialedSchema = lazySchema(() =>
  z.looseObject({
    callInstanceId: id,
    taskId: id.nullish(),
    callJobId: id.nullish(),
    customerName: scalar,
    customerTelephone: scalar,
    status: scalar,
    startTime: scalar,
    callerPhone: scalar,
    corpName: scalar,
    calledTimes: scalar,
  }),
)
export type RawNotDialed = z.infer<typeof rawNotDialedSchema>

export const rawLogLineSchema = lazySchema(() =>
  z.looseObject({
    speaker: scalar,
    content: scalar,
    userMean: scalar,
    aiUnknown: scalar,
    startTime: scalar,
    endTime: scalar,
  }),
)
export type RawLogLine = z.infer<typeof rawLogLineSchema>

export const rawSceneInstanceSchema = lazySchema(() =>
  rawDoneCallSchema.extend({
    callInstanceId: id.nullish(),
    // A call detail must say which task it belongs to; there is no other source for it.
    callJobId: id,
    userLuyinOssUrl: scalar,
    properties: scalar,
    handlePerson: scalar,
    callType: scalar,
    hangUp: scalar,
  }),
)

export const rawCallDetailSchema = lazySchema(() =>
  z.looseObject({
    phoneLog: z.looseObject({ phoneLogs: list(rawLogLineSchema), luyinOssUrl: scalar }).nullish(),
    sceneInstance: rawSceneInstanceSchema,
    taskResult: list(z.looseObject({ resultName: scalar, resultValue: scalar, resultDesc: scalar })),
  }),
)
export type RawCallDetail = z.infer<typeof rawCallDetailSchema>
