// Browser mode's exports: the host streams the file from a single-use link and the browser's own
// download saves it (the app's exports never come here: main writes them where its dialog says).
export function openDownload({ url, fileName }: { url: string; fileName: string }): void {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
}
