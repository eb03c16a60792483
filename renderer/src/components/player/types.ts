// Shapes the player components take and expose, shared with the page that composes them.
import type { PlayerControls } from '../../composables/useLinePlayback'

/** A time-anchored comment drawn on the waveform. */
export interface PlayerMarker {
  id: string
  atMs: number
  label: string
}

/** WaveformPlayer's exposed API (a template ref to it satisfies PlayerControls). */
export interface WaveformPlayerApi extends PlayerControls {
  toggle(): void
}
