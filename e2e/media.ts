// The <audio> element the page plays, for checks against the real media clock: wavesurfer's
// element is not in the DOM, so the page's play() and pause() are wrapped to keep hold of it.
import type { Page } from '@playwright/test'

/** What the media element said when the page called play() or pause() on it. */
export interface MediaCall {
  call: 'play' | 'pause'
  /** currentTime in ms at the moment of the call, before anything the page does next (a seek). */
  atMs: number
  src: string
}

export interface MediaState {
  currentSrc: string
  currentMs: number
  paused: boolean
  playbackRate: number
  preservesPitch: boolean
}

/**
 * Keeps `window.playingMedia`, the element the page last played, and `window.mediaCalls`, its
 * play() and pause() calls. Call it once the page is loaded; it holds until the page reloads.
 */
export async function keepPlayingMedia(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { play, pause } = HTMLMediaElement.prototype
    window.mediaCalls = []
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      window.playingMedia = this
      window.mediaCalls!.push({ call: 'play', atMs: this.currentTime * 1000, src: this.currentSrc || this.src })
      return play.call(this)
    }
    HTMLMediaElement.prototype.pause = function (this: HTMLMediaElement) {
      window.mediaCalls!.push({ call: 'pause', atMs: this.currentTime * 1000, src: this.currentSrc || this.src })
      return pause.call(this)
    }
  })
}

/** The played element's state, read from the element itself. */
export function mediaState(page: Page): Promise<MediaState | null> {
  return page.evaluate(() => {
    const media = window.playingMedia
    if (!media) return null
    return {
      currentSrc: media.currentSrc,
      currentMs: media.currentTime * 1000,
      paused: media.paused,
      playbackRate: media.playbackRate,
      preservesPitch: media.preservesPitch,
    }
  })
}

/** The play() and pause() calls so far, oldest first. */
export function mediaCalls(page: Page): Promise<MediaCall[]> {
  return page.evaluate(() => window.mediaCalls ?? [])
}

declare global {
  interface Window {
    playingMedia?: HTMLMediaElement
    mediaCalls?: MediaCall[]
  }
}
