// POST /task/notDialedCustomerList: a task's customers not yet called, at most 50 a page.
import { ApiError, CODE, ok } from '../envelope'
import type { ApiContext } from './context'
import { page } from './paging'
import { bodyObject, intParam, pagingParams } from './params'

export function notDialedCustomerList(ctx: ApiContext): unknown {
  const body = bodyObject(ctx.body)
  const taskId = intParam(body['taskId'], 'taskId', { required: true })
  const { pageNum, pageSize } = pagingParams(body, 50)
  const state = ctx.store.visibleTask(ctx.credential, taskId)
  if (!state) throw new ApiError(CODE.notFound, `任务不存在：taskId=${taskId}`)
  return ok(
    page(state.notDialed, pageNum, pageSize, (row) => ({
      callInstanceId: row.callInstanceId,
      customerName: row.customerName,
      customerTelephone: row.customerTelephone,
      status: row.status,
      startTime: row.startTime,
      callerPhone: row.callerPhone,
      corpName: row.corpName,
      calledTimes: row.calledTimes,
    })),
  )
}
