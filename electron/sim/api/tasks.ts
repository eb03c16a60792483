// GET /task/getTasks and GET /task/getTaskDetail: a company's tasks, with counters and stats
// computed from the calls.
import { ApiError, CODE, ok } from '../envelope'
import type { TaskState } from '../store/types'
import type { ApiContext } from './context'
import { page } from './paging'
import { shapeExtraStat } from './stat-shape'
import { boolParam, intParam, pagingParams, stringParam } from './params'
import { taskStats, type TaskCounters } from './task-stats'

const NULL_COUNTERS: Record<keyof TaskCounters, null> = {
  totalCount: null,
  doneCount: null,
  calledCount: null,
  rejectedCount: null,
  unavailableCount: null,
  fromUnavailableCount: null,
}

/** companyId is required and must be granted to the app key: 412 when absent, 403 when not granted. */
function grantedCompany(ctx: ApiContext): number {
  const companyId = intParam(ctx.query.get('companyId') ?? undefined, 'companyId', { required: true })
  if (!ctx.credential.companyIds.includes(companyId)) {
    throw new ApiError(CODE.forbidden, `无权限访问该公司数据：companyId=${companyId}`)
  }
  return companyId
}

/** What the task list and the task detail both send, counters included. */
function taskFields(ctx: ApiContext, state: TaskState): Record<string, unknown> {
  const { task } = state
  const stats = taskStats(state, ctx.store.version)
  return {
    callJobId: task.callJobId,
    jobName: task.jobName,
    jobType: task.jobType,
    startDate: task.startDate,
    workingStartTime: task.workingStartTime,
    workingEndTime: task.workingEndTime,
    breakStartTime: task.breakStartTime,
    breakEndTime: task.breakEndTime,
    status: task.status,
    sceneDefId: task.sceneDefId,
    remark: task.remark,
    ...(stats.counters ?? NULL_COUNTERS),
  }
}

function taskRow(ctx: ApiContext, state: TaskState): Record<string, unknown> {
  const { task } = state
  return {
    ...taskFields(ctx, state),
    // The list example leaves sceneDefName out of some rows and sends callPhones as null.
    ...(task.sceneDefName === null ? {} : { sceneDefName: task.sceneDefName }),
    callPhones: task.callPhones.length > 0 ? task.callPhones.map((p) => ({ ...p, callJobId: task.callJobId })) : null,
    gmtCreate: `${task.createDate} 10:00:00`,
  }
}

export function getTasks(ctx: ApiContext): unknown {
  const companyId = grantedCompany(ctx)
  const q = Object.fromEntries(ctx.query)
  const taskName = stringParam(q['taskName'], 'taskName')
  const createDate = stringParam(q['createDate'], 'createDate')?.replace(/^"|"$/g, '')
  if (createDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(createDate)) {
    throw new ApiError(CODE.badParam, '参数错误：createDate 格式应为 yyyy-MM-dd')
  }
  const status = intParam(q['status'], 'status')
  const needAll = boolParam(q['needAll'], 'needAll')
  const { pageNum, pageSize } = pagingParams(q, 100)
  const rows = ctx.store
    .tasksOfCompany(companyId)
    .filter(({ task }) => needAll || !task.deleted)
    .filter(({ task }) => taskName === undefined || task.jobName.includes(taskName))
    .filter(({ task }) => createDate === undefined || task.createDate === createDate)
    .filter(({ task }) => status === undefined || task.status === status)
    // Newest task first, as the document's example lists 66 before 64.
    .sort((a, b) => b.task.callJobId - a.task.callJobId)
  return ok(page(rows, pageNum, pageSize, (state) => taskRow(ctx, state)))
}

export function getTaskDetail(ctx: ApiContext): unknown {
  const companyId = grantedCompany(ctx)
  const taskId = intParam(ctx.query.get('taskId') ?? undefined, 'taskId', { required: true })
  const state = ctx.store.visibleTask(ctx.credential, taskId)
  // Another company's task is as absent as a task that does not exist.
  if (!state || state.task.companyId !== companyId) throw new ApiError(CODE.notFound, `任务不存在：taskId=${taskId}`)
  const { task } = state
  const stats = taskStats(state, ctx.store.version)
  return ok({
    ...taskFields(ctx, state),
    robotDefName: task.robotDefName,
    sceneDefName: task.sceneDefName,
    sceneRecordName: task.sceneRecordName,
    durationStat: stats.durationStat,
    chatRoundStat: stats.chatRoundStat,
    resultDefs: task.resultDefs,
    callPhones: task.callPhones.map((p) => ({
      jobPhoneId: p.jobPhoneId,
      userPhoneId: p.userPhoneId,
      callJobId: task.callJobId,
      phone: p.phone,
      phoneName: p.phoneName,
    })),
    extraStat: shapeExtraStat(ctx.store, stats.extraStat),
    deleted: task.deleted ? 1 : 0,
  })
}
