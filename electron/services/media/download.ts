// Downloads a recording into the cache: to a temp file, hashed while streaming,
// fsynced, then renamed — so a recording file either is complete or does not exist.
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export interface DownloadedFile {
  bytes: number
  sha256: string
  /** The file's content, when asked for (saves reading it back to digest it). */
  content?: Buffer
}

export async function downloadToFile(
  body: ReadableStream<Uint8Array>,
  destination: string,
  signal?: AbortSignal,
  options: { keepContent?: boolean } = {},
): Promise<DownloadedFile> {
  await mkdir(dirname(destination), { recursive: true, mode: 0o700 })
  const temp = `${destination}.${randomBytes(6).toString('hex')}.part`
  const hash = createHash('sha256')
  let bytes = 0
  const chunks: Buffer[] = []
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      bytes += chunk.length
      if (options.keepContent) chunks.push(chunk)
      callback(null, chunk)
    },
  })
  try {
    await pipeline(Readable.fromWeb(body as never), meter, createWriteStream(temp, { mode: 0o600 }), { signal })
    const handle = await open(temp, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, destination)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  const digest = { bytes, sha256: hash.digest('hex') }
  return options.keepContent ? { ...digest, content: Buffer.concat(chunks, bytes) } : digest
}
