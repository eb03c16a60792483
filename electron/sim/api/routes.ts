// The five endpoints under /openapi/v1, by method and path.
import type { ApiHandler } from './context'
import { phoneLogInfo, queryDoneTaskPhones } from './calls'
import { notDialedCustomerList } from './not-dialed'
import { getTaskDetail, getTasks } from './tasks'

export const API_BASE_PATH = '/openapi/v1'

export const API_ROUTES: Record<string, { method: 'GET' | 'POST'; handler: ApiHandler }> = {
  '/task/getTasks': { method: 'GET', handler: getTasks },
  '/task/getTaskDetail': { method: 'GET', handler: getTaskDetail },
  '/task/queryDoneTaskPhones': { method: 'POST', handler: queryDoneTaskPhones },
  '/task/notDialedCustomerList': { method: 'POST', handler: notDialedCustomerList },
  '/task/phoneLogInfo': { method: 'GET', handler: phoneLogInfo },
}
