// The open-call baseline: a bare page that loads wavesurfer.js and gives it only the file's URL,
// so it fetches and decodes the whole recording to draw it (what the app avoids with cached peaks).
import { createReadStream, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { REPO_ROOT } from './profile-data-dir'

const WAVESURFER = join(REPO_ROOT, 'node_modules/wavesurfer.js/dist/wavesurfer.esm.js')
const PAGE = `<!doctype html><meta charset="utf-8"><div id="wave" style="width:900px"></div>
<script type="module">import WaveSurfer from '/wavesurfer.js'; window.WaveSurfer = WaveSurfer; document.body.dataset.ready = 'true'</script>`

export interface WavesurferPage {
  origin: string
  close(): Promise<void>
}

/** Serves the page, wavesurfer and `/recording/<id>.wav` from `file(id)`. */
export async function startWavesurferPage(file: (id: number) => string): Promise<WavesurferPage> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const recording = /^\/recording\/(\d+)\.wav$/.exec(url.pathname)
    if (url.pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE)
    } else if (url.pathname === '/wavesurfer.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' })
      createReadStream(WAVESURFER).pipe(res)
    } else if (recording) {
      const path = file(Number(recording[1]))
      // no-store: every run fetches the file again, as opening a call would.
      res.writeHead(200, {
        'Content-Type': 'audio/wav',
        'Content-Length': statSync(path).size,
        'Cache-Control': 'no-store',
      })
      createReadStream(path).pipe(res)
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
