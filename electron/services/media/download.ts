// Downloads a recording into the cache: received whole and hashed while streaming (the peaks
// need every byte in memory anyway), then written to a temp file in one go, fsynced and
// renamed — so a recording file either is complete or does not exist.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

export interface DownloadedFile {
  bytes: number
  sha256: string
  /** The file's content (saves reading it back to compute its peaks). */
  content: Buffer
}

/** A new file for writing, its directory made only when missing (one syscall in the usual case). */
async function createFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'wx', 0o600)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    await mkdir(dirname(path), { recursive: true, mode: 0o700 })
    return await open(path, 'wx', 0o600)
  }
}

/** The whole body in memory, hashed as it arrives. */
export async function receive(body: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<DownloadedFile> {
  const hash = createHash('sha256')
  const chunks: Uint8Array[] = []
  let bytes = 0
  for await (const chunk of body) {
    signal?.throwIfAborted()
    hash.update(chunk)
    chunks.push(chunk)
    bytes += chunk.length
  }
  return { bytes, sha256: hash.digest('hex'), content: Buffer.concat(chunks, bytes) }
}

/**
 * The whole body in one buffer of its own (transferable to a worker thread), unhashed: the
 * recording's digest is computed off the main thread (recording-digest.ts).
 */
export async function receiveBytes(body: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let bytes = 0
  for await (const chunk of body) {
    signal?.throwIfAborted()
    chunks.push(chunk)
    bytes += chunk.length
  }
  const whole = new Uint8Array(bytes)
  let at = 0
  for (const chunk of chunks) {
    whole.set(chunk, at)
    at += chunk.length
  }
  return whole
}

export async function downloadToFile(
  body: ReadableStream<Uint8Array>,
  destination: string,
  signal?: AbortSignal,
): Promise<DownloadedFile> {
  const received = await receive(body, signal)
  await writeAtomically(destination, received.content)
  return received
}

/** Writes to a temp file, fsyncs and renames: the destination is complete or untouched. */
export async function writeAtomically(destination: string, content: Buffer): Promise<void> {
  const temp = `${destination}.${randomBytes(6).toString('hex')}.part`
  try {
    const file = await createFile(temp)
    try {
      await file.writeFile(content)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, destination)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
