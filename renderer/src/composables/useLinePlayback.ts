// Line-by-line listening on top of any player: J/K between line starts, R to replay a line
// and stop at its end (or any span: a range comment), L to loop it, speed steps,
// rewind-on-resume and pause-while-typing.
import {
  getCurrentScope,
  onScopeDispose,
  readonly,
  ref,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import type { TranscriptLine } from '@shared/contract'
import type { KeymapAction } from './keymap'
import { NAV_TOLERANCE_MS, currentLineIndex, nextLineIndex, previousLineIndex } from './useTranscriptSync'

/** What this needs from a player; WaveformPlayer's exposed API satisfies it. */
export interface PlayerControls {
  play(): void | Promise<void>
  pause(): void
  seekMs(ms: number): void
  getTimeMs(): number
  isPlaying(): boolean
  setRate(rate: number): void
}

/** Frame callbacks; requestAnimationFrame by default, a manual stepper in tests. */
export interface FrameScheduler {
  request(callback: () => void): number
  cancel(id: number): void
  /** A callback after `ms` (a timer): for the last moments of a replay, when a frame may come too late. */
  after?(ms: number, callback: () => void): number
  cancelAfter?(id: number): void
}

export const SPEED_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const
const SLOWEST = 0.5
const FASTEST = 2

/**
 * How far outside the replayed or looped line the playhead may be before we decide the
 * reviewer moved it on purpose (a click on the waveform) rather than overshot by a frame.
 */
const LEFT_LINE_MARGIN_MS = 500
/**
 * Closer than this (in wall time at the current rate) to a replay's end, a timer set for the rest
 * stops it: on a busy machine frames come 50–200 ms apart (the renderer's long tasks), a timer far
 * more precisely. A timer that fires early (the media clock lagged) is set again from the next check.
 */
const NEAR_END_MS = 250
/** A replay whose media never starts (no recording, a decode error) gives up after ~5 s of frames. */
const MAX_FRAMES_BEFORE_PLAYING = 300

export type LineMode = 'normal' | 'replay' | 'loop'

/** ← / → and Shift+← / Shift+→. */
export const SEEK_SHORT_MS = 2000
export const SEEK_LONG_MS = 10_000

/** The keymap actions this composable carries out; the rest (verdicts, calls, comment, help) belong to the page. */
export type PlaybackAction = Extract<
  KeymapAction,
  | 'playPause'
  | 'nextLine'
  | 'previousLine'
  | 'replayLine'
  | 'loopLine'
  | 'seekBack'
  | 'seekForward'
  | 'seekBackLong'
  | 'seekForwardLong'
  | 'slower'
  | 'faster'
>

export interface LinePlaybackOptions {
  player: MaybeRefOrGetter<PlayerControls | null | undefined>
  lines: MaybeRefOrGetter<readonly TranscriptLine[]>
  /** Jump back this much when playback resumes after a pause, to catch the context again (0 = off). */
  rewindOnResumeMs?: MaybeRefOrGetter<number | undefined>
  /** Pause while the reviewer types a comment (see typingStarted/typingStopped). */
  pauseWhileTyping?: MaybeRefOrGetter<boolean | undefined>
  initialRate?: number
  frames?: FrameScheduler
}

export interface LinePlayback {
  rate: Readonly<Ref<number>>
  mode: Readonly<Ref<LineMode>>
  /** The line being replayed or looped, else -1. */
  modeLineIndex: Readonly<Ref<number>>
  play(): void
  pause(): void
  playPause(): void
  /** Seek to the next line's start, keep playing or paused as before; returns its index or -1. */
  nextLine(): number
  previousLine(): number
  /** Play the current line from its start and pause exactly at its end. */
  replayLine(): number
  /** Play from `startMs` and pause exactly at `endMs` (a range comment). */
  playRange(startMs: number, endMs: number): void
  /** Loop the current line; again to stop looping. */
  toggleLoop(): void
  seekBy(deltaMs: number): void
  setRate(rate: number): void
  slower(): void
  faster(): void
  typingStarted(): void
  typingStopped(): void
  /** Drops replay/loop; call it when the reviewer seeks by other means. */
  cancelLineMode(): void
  /**
   * The line J, K or a finished R left the playhead on, while it is still there at `t`; else -1.
   * That line is the current one there, though a barge-in into it may sound at the same moment.
   */
  lineHeldAt(t: number): number
  /** Ready for useKeymap().on(keyHandlers). */
  keyHandlers: Record<PlaybackAction, () => void>
}

const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (id) => cancelAnimationFrame(id),
  after: (ms, callback) => window.setTimeout(callback, ms),
  cancelAfter: (id) => window.clearTimeout(id),
}

/** The next speed step up or down from any rate (including ones between steps), clamped. */
export function stepRate(rate: number, direction: 1 | -1): number {
  if (direction > 0) return SPEED_STEPS.find((step) => step > rate + 1e-6) ?? FASTEST
  return [...SPEED_STEPS].reverse().find((step) => step < rate - 1e-6) ?? SLOWEST
}

export function useLinePlayback(options: LinePlaybackOptions): LinePlayback {
  const frames = options.frames ?? animationFrames
  const rate = ref(options.initialRate ?? 1)
  const mode = ref<LineMode>('normal')
  const modeLineIndex = ref(-1)
  /** What replay or loop plays: the line of modeLineIndex, or a range (modeLineIndex -1). */
  let span: { startMs: number; endMs: number } | null = null
  let frameId: number | null = null
  let endTimer: number | null = null
  let sawPlaying = false
  let framesBeforePlaying = 0
  /** Where our own pause left the playhead; rewind-on-resume only applies if it is still there. */
  let pausedAtMs: number | null = null
  let pausedByTyping = false
  /**
   * The line we last put the playhead on and where; while the playhead is still there, that
   * line is "current" even if a neighbour shares the boundary (R after R, R after J).
   */
  const target = shallowRef<{ lines: readonly TranscriptLine[]; index: number; atMs: number } | null>(null)

  const player = () => toValue(options.player) ?? null
  const lines = () => toValue(options.lines)

  function stopWatching(): void {
    if (frameId !== null) frames.cancel(frameId)
    frameId = null
    if (endTimer !== null) frames.cancelAfter?.(endTimer)
    endTimer = null
  }

  function cancelLineMode(): void {
    mode.value = 'normal'
    modeLineIndex.value = -1
    span = null
    stopWatching()
  }

  function watchLine(): void {
    stopWatching()
    sawPlaying = false
    framesBeforePlaying = 0
    frameId = frames.request(onFrame)
  }

  // Checked every frame against the media clock: a timer set for (end - now) / rate drifts
  // with buffering and rate changes, the media time does not. Only the last moments before a
  // replay's end are left to a timer too (NEAR_END_MS), and what it finds is checked the same way.
  function onFrame(): void {
    frameId = null
    const p = player()
    const line = span
    if (!p || !line || mode.value === 'normal') return cancelLineMode()
    const t = p.getTimeMs()
    const playing = p.isPlaying()
    if (t < line.startMs - LEFT_LINE_MARGIN_MS || t > line.endMs + LEFT_LINE_MARGIN_MS) return cancelLineMode()
    if (mode.value === 'replay') {
      if (playing) sawPlaying = true
      // Paused by the reviewer mid-replay (not merely still starting up).
      else if (sawPlaying || ++framesBeforePlaying > MAX_FRAMES_BEFORE_PLAYING) return cancelLineMode()
      if (t < line.endMs && playing && endTimer === null && frames.after) {
        const wait = (line.endMs - t) / rate.value
        if (wait < NEAR_END_MS) {
          endTimer = frames.after(wait, () => {
            endTimer = null
            if (frameId !== null) frames.cancel(frameId)
            onFrame()
          })
        }
      }
      if (t >= line.endMs) {
        p.pause()
        // A hair before the end, so the line (not the one starting right at its end) stays current.
        p.seekMs(Math.max(line.startMs, line.endMs - 1))
        pausedAtMs = p.getTimeMs()
        if (modeLineIndex.value >= 0) target.value = { lines: lines(), index: modeLineIndex.value, atMs: pausedAtMs }
        return cancelLineMode()
      }
    } else if (t >= line.endMs && playing) {
      p.seekMs(line.startMs)
    }
    frameId = frames.request(onFrame)
  }

  function play(): void {
    const p = player()
    if (!p || p.isPlaying()) return
    const rewind = toValue(options.rewindOnResumeMs) ?? 0
    const t = p.getTimeMs()
    if (rewind > 0 && pausedAtMs !== null && Math.abs(t - pausedAtMs) <= NAV_TOLERANCE_MS) {
      const loopSpan = mode.value === 'loop' ? span : null
      p.seekMs(Math.max(loopSpan?.startMs ?? 0, t - rewind))
    }
    pausedAtMs = null
    void p.play()
  }

  function pause(): void {
    const p = player()
    if (!p) return
    if (mode.value === 'replay') cancelLineMode()
    p.pause()
    pausedAtMs = p.getTimeMs()
  }

  function playPause(): void {
    pausedByTyping = false
    if (player()?.isPlaying()) pause()
    else play()
  }

  function seekToLine(index: number): number {
    const p = player()
    const line = lines()[index]
    if (!p || !line) return -1
    p.seekMs(line.startMs)
    target.value = { lines: lines(), index, atMs: line.startMs }
    if (mode.value === 'replay') cancelLineMode()
    // The loop follows J/K, so L then J J J walks a looped line through the call.
    if (mode.value === 'loop') {
      modeLineIndex.value = index
      span = line
    }
    return index
  }

  function nextLine(): number {
    const p = player()
    if (!p) return -1
    return seekToLine(nextLineIndex(lines(), p.getTimeMs()))
  }

  function previousLine(): number {
    const p = player()
    if (!p) return -1
    const t = p.getTimeMs()
    const previous = previousLineIndex(lines(), t)
    // On the first line already: back to its start rather than nowhere.
    return seekToLine(previous >= 0 ? previous : currentLineIndex(lines(), t + NAV_TOLERANCE_MS))
  }

  function lineHeldAt(t: number): number {
    const held = target.value
    return held?.lines === lines() && Math.abs(t - held.atMs) <= NAV_TOLERANCE_MS ? held.index : -1
  }

  function lineToReplay(p: PlayerControls): number {
    const t = p.getTimeMs()
    const held = lineHeldAt(t)
    if (held >= 0) return held
    const current = currentLineIndex(lines(), t)
    return current >= 0 ? current : lines().length > 0 ? 0 : -1
  }

  function replayLine(): number {
    const p = player()
    if (!p) return -1
    const index = lineToReplay(p)
    const line = lines()[index]
    if (!line) return -1
    p.seekMs(line.startMs)
    mode.value = 'replay'
    modeLineIndex.value = index
    span = line
    pausedAtMs = null
    void p.play()
    watchLine()
    return index
  }

  function playRange(startMs: number, endMs: number): void {
    const p = player()
    if (!p || endMs <= startMs) return
    p.seekMs(startMs)
    mode.value = 'replay'
    modeLineIndex.value = -1
    span = { startMs, endMs }
    pausedAtMs = null
    void p.play()
    watchLine()
  }

  function toggleLoop(): void {
    const p = player()
    if (!p) return
    if (mode.value === 'loop') return cancelLineMode()
    const index = lineToReplay(p)
    const line = lines()[index]
    if (!line) return
    mode.value = 'loop'
    modeLineIndex.value = index
    span = line
    if (!p.isPlaying()) {
      p.seekMs(line.startMs)
      pausedAtMs = null
      void p.play()
    }
    watchLine()
  }

  function seekBy(deltaMs: number): void {
    const p = player()
    if (!p) return
    p.seekMs(Math.max(0, p.getTimeMs() + deltaMs))
  }

  function setRate(next: number): void {
    rate.value = Math.min(FASTEST, Math.max(SLOWEST, next))
    player()?.setRate(rate.value)
  }

  function typingStarted(): void {
    if (!toValue(options.pauseWhileTyping)) return
    if (!player()?.isPlaying()) return
    pause()
    pausedByTyping = true
  }

  function typingStopped(): void {
    if (!pausedByTyping) return
    pausedByTyping = false
    play()
  }

  // A new player (the next call) starts at the reviewer's chosen speed.
  watch(
    () => toValue(options.player),
    (p) => p?.setRate(rate.value),
  )

  if (getCurrentScope()) onScopeDispose(stopWatching)

  const slower = () => setRate(stepRate(rate.value, -1))
  const faster = () => setRate(stepRate(rate.value, 1))
  const keyHandlers: Record<PlaybackAction, () => void> = {
    playPause,
    nextLine: () => void nextLine(),
    previousLine: () => void previousLine(),
    replayLine: () => void replayLine(),
    loopLine: toggleLoop,
    seekBack: () => seekBy(-SEEK_SHORT_MS),
    seekForward: () => seekBy(SEEK_SHORT_MS),
    seekBackLong: () => seekBy(-SEEK_LONG_MS),
    seekForwardLong: () => seekBy(SEEK_LONG_MS),
    slower,
    faster,
  }

  return {
    rate: readonly(rate),
    mode: readonly(mode),
    modeLineIndex: readonly(modeLineIndex),
    play,
    pause,
    playPause,
    nextLine,
    previousLine,
    replayLine,
    playRange,
    toggleLoop,
    seekBy,
    setRate,
    slower,
    faster,
    typingStarted,
    typingStopped,
    cancelLineMode,
    lineHeldAt,
    keyHandlers,
  }
}
