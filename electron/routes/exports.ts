import type { CallCache } from '../services/cache'
import { renderExport } from '../services/export/render-export'
import type { Routes } from './route-table'

/** The media type of each export format (the queue export's too). */
export const EXPORT_MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
}

export const exportRoutes: Routes<'export'> = {
  'export.calls': async ({ filter, format, what, profileId }, { workspace }) => {
    const render = (cache: CallCache) => renderExport(cache, what, format, filter)
    // Another profile's data (its reviews, kept before removing it) is read from its own cache.
    const { bytes, count } = profileId
      ? await workspace.withCacheOf(profileId, render)
      : await render(workspace.current().cache)
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')
    return {
      fileName: `calllens-${what}-${stamp}.${format}`,
      mimeType: EXPORT_MIME[format],
      base64: bytes.toString('base64'),
      count,
    }
  },
}
