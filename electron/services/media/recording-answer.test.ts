import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../../test-support/byrobot-test-server'
import { recordingFetchVia } from './recording-answer'
import { digestRecording } from './recording-digest'
import { demoMp3s } from '../../test-support/demo-audio'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const dir = mkdtempSync(join(tmpdir(), 'calllens-recording-answer-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const mp3 = demoMp3s()[0]!

describe('a recording answered as far as its headers', () => {
  it('keeps its unread body whole while it waits to be saved, through garbage collections', async () => {
    const server = await startTestServer(() => ({ body: mp3, headers: { 'content-type': 'audio/mpeg' } }))
    try {
      const fetchRecording = recordingFetchVia(globalThis.fetch, digestRecording)
      const answer = await fetchRecording(new URL(`${server.origin}/kept.mp3`), new AbortController().signal)
      // undici cancels the body of a Response that was collected: the answer must keep it reachable.
      for (let i = 0; i < 3; i++) {
        collectGarbage()
        await new Promise((resolve) => setImmediate(resolve))
      }
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`)
      const saved = await answer.body.save(join(dir, 'kept.mp3'))
      expect(saved).toMatchObject({ bytes: mp3.length, sha256: createHash('sha256').update(mp3).digest('hex') })
    } finally {
      await server.close()
    }
  })
})
