// The demo's committed MP3 recordings (resources/demo/audio), as bytes: real encoder output for
// the tests that decode, digest or serve a recording.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const DEMO_AUDIO_DIR = join(import.meta.dirname, '../../resources/demo/audio')

/** Every demo MP3, in file-name order. */
export function demoMp3s(): Buffer[] {
  return readdirSync(DEMO_AUDIO_DIR)
    .filter((name) => name.endsWith('.mp3'))
    .sort()
    .map((name) => readFileSync(join(DEMO_AUDIO_DIR, name)))
}
