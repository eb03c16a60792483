// Saves a file the main process produced (base64) through the browser's download,
// which Electron turns into a save dialog.
import type { ExportFile } from '@shared/contract'

export function downloadFile(file: ExportFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
