// HTTP Range arithmetic for serving cached recordings (the browser-mode host and
// the Electron media protocol both answer Range themselves: seeking needs 206).
export type RangeAnswer =
  | { status: 200; start: 0; end: number; headers: Record<string, string> }
  | { status: 206; start: number; end: number; headers: Record<string, string> }
  | { status: 416; headers: Record<string, string> }

export function answerRange(size: number, rangeHeader: string | null | undefined, contentType: string): RangeAnswer {
  const base = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' }
  if (!rangeHeader) {
    return { status: 200, start: 0, end: size - 1, headers: { ...base, 'Content-Length': String(size) } }
  }
  const match = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim())
  if (!match || (match[1] === '' && match[2] === '')) {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } }
  }
  let start: number
  let end: number
  if (match[1] === '') {
    const suffix = Number(match[2])
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  }
  if (start >= size || start > end) {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } }
  }
  return {
    status: 206,
    start,
    end,
    headers: { ...base, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${size}` },
  }
}

export function audioContentType(path: string): string {
  if (path.endsWith('.wav')) return 'audio/wav'
  if (path.endsWith('.mp3')) return 'audio/mpeg'
  return 'application/octet-stream'
}
