import { renderExport } from '../services/export/render-export'
import type { Routes } from './route-table'

const MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
}

export const exportRoutes: Routes<'export'> = {
  'export.calls': async ({ filter, format, what }, { workspace }) => {
    const { bytes, count } = await renderExport(workspace.current().cache, what, format, filter)
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')
    return {
      fileName: `calllens-${what}-${stamp}.${format}`,
      mimeType: MIME[format],
      base64: bytes.toString('base64'),
      count,
    }
  },
}
