// Shapes the player components take and expose, shared with the page that composes them.
import type { PlayerControls } from '../../composables/useLinePlayback'

/** A comment drawn on the waveform: a flag at a moment, or a band over a range (`endMs`). */
export interface PlayerMarker {
  id: string
  atMs: number
  endMs: number | null
  /** The transcript line a moment was made on, when known. */
  lineIndex?: number | null
  label: string
}

/** WaveformPlayer's exposed API (a template ref to it satisfies PlayerControls). */
export interface WaveformPlayerApi extends PlayerControls {
  toggle(): void
}
