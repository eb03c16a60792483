// Parameter parsing for the five endpoints: query strings and JSON bodies, ints given as
// numbers or numeric strings (a Java backend coerces both), every violation a 412.
import { ApiError, CODE } from '../envelope'

interface IntRule {
  required?: boolean
  min?: number
  max?: number
}

function toInt(raw: unknown, name: string): number {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw
  if (typeof raw === 'string' && /^-?\d{1,15}$/.test(raw.trim())) return Number(raw.trim())
  throw new ApiError(CODE.badParam, `参数错误：${name} 必须是整数`)
}

function checkRange(value: number, name: string, rule: IntRule): number {
  if (rule.min !== undefined && value < rule.min)
    throw new ApiError(CODE.badParam, `参数错误：${name} 不能小于 ${rule.min}`)
  if (rule.max !== undefined && value > rule.max)
    throw new ApiError(CODE.badParam, `参数错误：${name} 不能大于 ${rule.max}`)
  return value
}

export function intParam(raw: unknown, name: string, rule: IntRule & { required: true }): number
export function intParam(raw: unknown, name: string, rule?: IntRule): number | undefined
export function intParam(raw: unknown, name: string, rule: IntRule = {}): number | undefined {
  if (raw === undefined || raw === null || raw === '') {
    if (rule.required) throw new ApiError(CODE.badParam, `参数错误：缺少必填参数 ${name}`)
    return undefined
  }
  return checkRange(toInt(raw, name), name, rule)
}

export function boolParam(raw: unknown, name: string): boolean {
  if (raw === undefined || raw === null || raw === '') return false
  if (raw === true || raw === 'true') return true
  if (raw === false || raw === 'false') return false
  throw new ApiError(CODE.badParam, `参数错误：${name} 必须是 true 或 false`)
}

export function stringParam(raw: unknown, name: string): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  if (typeof raw !== 'string') throw new ApiError(CODE.badParam, `参数错误：${name} 必须是字符串`)
  return raw
}

/** The JSON body of a POST as an object; anything else is a parameter error. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(CODE.badParam, '参数错误：请求体必须是 JSON 对象')
  }
  return body as Record<string, unknown>
}

export function pagingParams(
  source: Record<string, unknown>,
  maxPageSize: number,
): { pageNum: number; pageSize: number } {
  return {
    pageNum: intParam(source['pageNum'], 'pageNum', { min: 1 }) ?? 1,
    pageSize: intParam(source['pageSize'], 'pageSize', { min: 1, max: maxPageSize }) ?? 10,
  }
}
