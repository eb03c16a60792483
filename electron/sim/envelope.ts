// The API's response envelope and the error type handlers throw to produce a non-200 code.

export interface Envelope {
  code: number
  data: unknown
  resultMsg: string
  errorStackTrace: string | null
}

export const CODE = {
  ok: 200,
  unauthorized: 401,
  forbidden: 403,
  notFound: 404,
  badParam: 412,
  serverError: 500,
} as const

export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export function ok(data: unknown, resultMsg = '操作成功'): Envelope {
  return { code: CODE.ok, data, resultMsg, errorStackTrace: null }
}

export function fail(code: number, resultMsg: string, errorStackTrace: string | null = null): Envelope {
  return { code, data: null, resultMsg, errorStackTrace }
}

/** What a Java backend's unknown error looks like: a stack trace string in the envelope. */
export function javaStackTrace(what: string): string {
  return [
    `java.lang.IllegalStateException: ${what}`,
    '\tat com.byrobot.openapi.service.impl.TaskServiceImpl.query(TaskServiceImpl.java:214)',
    '\tat com.byrobot.openapi.controller.TaskController.handle(TaskController.java:88)',
    '\tat sun.reflect.GeneratedMethodAccessor312.invoke(Unknown Source)',
  ].join('\n')
}
