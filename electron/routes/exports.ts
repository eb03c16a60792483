import { exportCalls } from '../services/export/export-rows'
import { toCsv, toXlsx } from '../services/export/export-table'
import type { Routes } from './route-table'

const MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
}

export const exportRoutes: Routes<'export'> = {
  'export.calls': async ({ filter, format, profileId }, { workspace }) => {
    const calls = profileId
      ? await workspace.withCacheOf(profileId, (cache) => [...exportCalls(cache, filter)])
      : [...exportCalls(workspace.current().cache, filter)]
    const bytes =
      format === 'xlsx'
        ? await toXlsx(calls)
        : Buffer.from(format === 'csv' ? toCsv(calls) : JSON.stringify(calls, null, 2), 'utf8')
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')
    return {
      fileName: `calllens-calls-${stamp}.${format}`,
      mimeType: MIME[format],
      base64: bytes.toString('base64'),
      count: calls.length,
    }
  },
}
