// export.calls: the app streams the export to the file its save dialog picked; browser mode gets
// a single-use link the host streams from (the browser's download saves it). Nothing goes base64.
import { basename } from 'node:path'
import { withExportCache } from '../services/export/export-downloads'
import { countExport, exportFileName, exportToFile } from '../services/export/write-export'
import type { Routes } from './route-table'

export const exportRoutes: Routes<'export'> = {
  'export.calls': async ({ filter, format, what, language, profileId, queueId }, services) => {
    const request = { what, format, filter, language, queueId }
    const { workspace, chooseExportPath } = services
    if (chooseExportPath) {
      const path = await chooseExportPath({ fileName: exportFileName(what, format), format })
      if (path === null) return { outcome: 'cancelled' as const }
      const file = await withExportCache(workspace, profileId, (cache) => exportToFile(cache, request, path))
      return { outcome: 'saved' as const, fileName: basename(path), ...file }
    }
    // The link exports the profile active now, even if another is activated before it is opened.
    const owner = profileId ?? services.profiles.list().activeId ?? undefined
    // Counted now, which also checks the profile exists before a link is handed out.
    const rows = await withExportCache(workspace, owner, async (cache) => countExport(cache, request))
    const { ticket, fileName } = services.exportDownloads.issue(request, owner)
    return { outcome: 'download' as const, url: `/export/${ticket}`, fileName, rows }
  },
}
