import { describe, expect, it } from 'vitest'
import type { TranscriptLine } from '@shared/contract'
import { SPEED_STEPS, stepRate, useLinePlayback, type FrameScheduler, type PlayerControls } from './useLinePlayback'
import { currentLineIndex } from './useTranscriptSync'

/** A media clock we move by hand: advance() plays `ms` of wall time at the current rate. */
class FakePlayer implements PlayerControls {
  timeMs = 0
  playing = false
  rate = 1
  pauses = 0
  play(): void {
    this.playing = true
  }
  pause(): void {
    this.playing = false
    this.pauses++
  }
  seekMs(ms: number): void {
    this.timeMs = ms
  }
  getTimeMs(): number {
    return this.timeMs
  }
  isPlaying(): boolean {
    return this.playing
  }
  setRate(rate: number): void {
    this.rate = rate
  }
  advance(ms: number): void {
    if (this.playing) this.timeMs += ms * this.rate
  }
}

/** Animation frames run only when the test says so. */
class FakeFrames implements FrameScheduler {
  private callbacks = new Map<number, () => void>()
  private nextId = 1
  request(callback: () => void): number {
    this.callbacks.set(this.nextId, callback)
    return this.nextId++
  }
  cancel(id: number): void {
    this.callbacks.delete(id)
  }
  get pending(): number {
    return this.callbacks.size
  }
  /** One frame: the player's clock moves, then the frame callbacks run. */
  tick(player: FakePlayer, ms = 16): void {
    player.advance(ms)
    const due = [...this.callbacks.values()]
    this.callbacks.clear()
    for (const callback of due) callback()
  }
}

function line(index: number, startMs: number, endMs: number): TranscriptLine {
  return {
    index,
    speaker: index % 2 ? 'customer' : 'ai',
    content: `line ${index}`,
    startMs,
    endMs,
    inferred: false,
    userMean: null,
    aiUnknown: null,
  }
}

const lines = [line(0, 1000, 3000), line(1, 3500, 5000), line(2, 5000, 8000), line(3, 9000, 9600)]

function setup(options: { rewindOnResumeMs?: number; pauseWhileTyping?: boolean } = {}) {
  const player = new FakePlayer()
  const frames = new FakeFrames()
  const playback = useLinePlayback({ player, lines, frames, ...options })
  return { player, frames, playback }
}

describe('J and K', () => {
  it('move from line start to line start and keep playing', () => {
    const { player, playback } = setup()
    player.play()
    expect(playback.nextLine()).toBe(0)
    expect(player.timeMs).toBe(1000)
    expect(playback.nextLine()).toBe(1)
    expect(player.timeMs).toBe(3500)
    expect(playback.nextLine()).toBe(2)
    expect(playback.previousLine()).toBe(1)
    expect(player.timeMs).toBe(3500)
    expect(player.playing).toBe(true)
  })

  it('go from the middle of a line to the neighbours of that line', () => {
    const { player, playback } = setup()
    player.seekMs(6000)
    expect(playback.previousLine()).toBe(1)
    player.seekMs(6000)
    expect(playback.nextLine()).toBe(3)
  })

  it('stay paused when paused', () => {
    const { player, playback } = setup()
    playback.nextLine()
    expect(player.playing).toBe(false)
    expect(player.timeMs).toBe(1000)
  })

  it('stop at the ends of the transcript', () => {
    const { player, playback } = setup()
    player.seekMs(9000)
    expect(playback.nextLine()).toBe(-1)
    expect(player.timeMs).toBe(9000)
    player.seekMs(2000)
    expect(playback.previousLine()).toBe(0)
    expect(player.timeMs).toBe(1000)
  })

  it('do nothing without a player or without lines', () => {
    const frames = new FakeFrames()
    expect(useLinePlayback({ player: null, lines, frames }).nextLine()).toBe(-1)
    const player = new FakePlayer()
    expect(useLinePlayback({ player, lines: [], frames }).nextLine()).toBe(-1)
    expect(player.timeMs).toBe(0)
  })
})

describe('R replays the current line', () => {
  it('plays it from its start and pauses once the media time reaches its end', () => {
    const { player, frames, playback } = setup()
    player.seekMs(4200)
    expect(playback.replayLine()).toBe(1)
    expect(player.timeMs).toBe(3500)
    expect(player.playing).toBe(true)
    expect(playback.mode.value).toBe('replay')
    while (player.timeMs + 16 < 5000) frames.tick(player)
    expect(player.playing).toBe(true)
    frames.tick(player)
    expect(player.playing).toBe(false)
    expect(player.timeMs).toBe(4999)
    expect(playback.mode.value).toBe('normal')
    expect(frames.pending).toBe(0)
  })

  it('stops at the end at double speed too', () => {
    const { player, frames, playback } = setup()
    playback.setRate(2)
    player.seekMs(1500)
    playback.replayLine()
    for (let i = 0; i < 200 && player.playing; i++) frames.tick(player)
    expect(player.playing).toBe(false)
    expect(player.timeMs).toBe(2999)
  })

  it('replays the same line again when pressed again after it stopped', () => {
    const { player, frames, playback } = setup()
    player.seekMs(3600)
    playback.replayLine()
    for (let i = 0; i < 200 && player.playing; i++) frames.tick(player)
    expect(playback.replayLine()).toBe(1)
    expect(player.timeMs).toBe(3500)
  })

  it('gives up when the reviewer pauses or seeks elsewhere', () => {
    const { player, frames, playback } = setup()
    player.seekMs(1200)
    playback.replayLine()
    frames.tick(player)
    playback.pause()
    expect(playback.mode.value).toBe('normal')

    playback.replayLine()
    frames.tick(player)
    player.seekMs(8500)
    frames.tick(player)
    expect(playback.mode.value).toBe('normal')
    expect(player.playing).toBe(true)
  })

  it('replays the line J just moved to, even if the seek landed a hair short of it', () => {
    const { player, playback } = setup()
    player.seekMs(1200)
    playback.nextLine()
    player.seekMs(3499.9)
    expect(playback.replayLine()).toBe(1)
  })

  it('keeps the replayed line current where it stopped, though a barge-in into it sounds there', () => {
    const player = new FakePlayer()
    const frames = new FakeFrames()
    const talkedOver = [line(0, 1000, 3000), line(1, 2500, 3800), line(2, 4200, 5000)]
    const playback = useLinePlayback({ player, lines: talkedOver, frames })
    player.seekMs(1000)
    expect(playback.replayLine()).toBe(0)
    for (let i = 0; i < 300 && player.playing; i++) frames.tick(player)
    expect(player.timeMs).toBe(2999)
    expect(currentLineIndex(talkedOver, player.timeMs)).toBe(1)
    expect(playback.lineHeldAt(player.timeMs)).toBe(0)
    expect(playback.replayLine()).toBe(0)
    // Once the playhead moves on, the line sounding is current again.
    expect(playback.lineHeldAt(3300)).toBe(-1)
  })

  it('replays the first line when the playhead is before it', () => {
    const { player, playback } = setup()
    expect(playback.replayLine()).toBe(0)
    expect(player.timeMs).toBe(1000)
  })
})

describe('a range plays once', () => {
  it('plays from its start across line boundaries and pauses at its end', () => {
    const { player, frames, playback } = setup()
    playback.playRange(2500, 6200)
    expect(player.timeMs).toBe(2500)
    expect(player.playing).toBe(true)
    for (let i = 0; i < 400 && player.playing; i++) frames.tick(player)
    expect(player.playing).toBe(false)
    expect(player.timeMs).toBe(6199)
    expect(playback.mode.value).toBe('normal')
  })

  it('ignores an empty or reversed range', () => {
    const { player, playback } = setup()
    playback.playRange(3000, 3000)
    playback.playRange(4000, 3000)
    expect(player.playing).toBe(false)
    expect(playback.mode.value).toBe('normal')
  })
})

describe('a replay on a busy machine', () => {
  /** Frames `interval` ms apart (a loaded machine), timers on time: the clock advances 1 ms at a step. */
  class SlowFrames implements FrameScheduler {
    constructor(private readonly interval = 60) {}
    private frames = new Map<number, () => void>()
    private timers = new Map<number, { due: number; callback: () => void }>()
    private nextId = 1
    now = 0
    request(callback: () => void): number {
      this.frames.set(this.nextId, callback)
      return this.nextId++
    }
    cancel(id: number): void {
      this.frames.delete(id)
    }
    after(ms: number, callback: () => void): number {
      this.timers.set(this.nextId, { due: this.now + ms, callback })
      return this.nextId++
    }
    cancelAfter(id: number): void {
      this.timers.delete(id)
    }
    run(player: FakePlayer, untilMs: number): void {
      for (; this.now < untilMs && (player.playing || this.now === 0); this.now++) {
        player.advance(1)
        for (const [id, timer] of [...this.timers]) {
          if (timer.due > this.now) continue
          this.timers.delete(id)
          timer.callback()
        }
        if (this.now % this.interval !== 17) continue
        const due = [...this.frames.values()]
        this.frames.clear()
        for (const callback of due) callback()
      }
    }
  }

  it.each([60, 150, 220])('stops within a few ms of the line end though frames come %i ms apart', (interval) => {
    const player = new FakePlayer()
    const frames = new SlowFrames(interval)
    const playback = useLinePlayback({ player, lines, frames })
    player.seekMs(3600)
    playback.replayLine()
    let stoppedAt = -1
    const pause = player.pause.bind(player)
    player.pause = () => {
      stoppedAt = player.timeMs
      pause()
    }
    frames.run(player, 5000)
    expect(stoppedAt).toBeGreaterThanOrEqual(5000)
    expect(stoppedAt).toBeLessThanOrEqual(5002)
  })
})

describe('L loops the current line', () => {
  it('jumps back to the line start at its end until L is pressed again', () => {
    const { player, frames, playback } = setup()
    player.seekMs(9100)
    playback.toggleLoop()
    expect(player.playing).toBe(true)
    expect(player.timeMs).toBe(9000)
    for (let i = 0; i < 100; i++) {
      frames.tick(player)
      expect(player.timeMs).toBeLessThan(9600 + 16)
    }
    expect(playback.mode.value).toBe('loop')
    playback.toggleLoop()
    expect(playback.mode.value).toBe('normal')
    for (let i = 0; i < 100; i++) frames.tick(player)
    expect(player.timeMs).toBeGreaterThan(9600)
  })

  it('moves the loop along with J', () => {
    const { player, playback } = setup()
    player.seekMs(1000)
    playback.toggleLoop()
    playback.nextLine()
    expect(playback.modeLineIndex.value).toBe(1)
  })
})

describe('speed', () => {
  it('steps through the speed steps and clamps at both ends', () => {
    const { player, playback } = setup()
    const seen: number[] = []
    for (let i = 0; i < 8; i++) {
      playback.faster()
      seen.push(player.rate)
    }
    expect(seen).toEqual([1.25, 1.5, 1.75, 2, 2, 2, 2, 2])
    for (let i = 0; i < 8; i++) playback.slower()
    expect(player.rate).toBe(0.5)
    expect(playback.rate.value).toBe(0.5)
  })

  it('steps from a rate between steps to the neighbouring step', () => {
    expect(stepRate(1.1, 1)).toBe(1.25)
    expect(stepRate(1.1, -1)).toBe(1)
    expect(stepRate(3, -1)).toBe(2)
    expect(stepRate(0.1, 1)).toBe(0.5)
    expect(SPEED_STEPS).toEqual([0.5, 0.75, 1, 1.25, 1.5, 1.75, 2])
  })

  it('clamps a rate set directly', () => {
    const { player, playback } = setup()
    playback.setRate(16)
    expect(player.rate).toBe(2)
  })
})

describe('resuming and typing', () => {
  it('rewinds a little when playback resumes where it was paused', () => {
    const { player, playback } = setup({ rewindOnResumeMs: 2000 })
    player.seekMs(6000)
    playback.play()
    expect(player.timeMs).toBe(6000)
    playback.pause()
    playback.play()
    expect(player.timeMs).toBe(4000)
  })

  it('does not rewind past a position the reviewer chose while paused', () => {
    const { player, playback } = setup({ rewindOnResumeMs: 2000 })
    player.seekMs(6000)
    playback.play()
    playback.pause()
    playback.nextLine()
    playback.playPause()
    expect(player.timeMs).toBe(9000)
    expect(player.playing).toBe(true)
  })

  it('pauses while typing and resumes afterwards when asked to', () => {
    const { player, playback } = setup({ pauseWhileTyping: true })
    playback.play()
    playback.typingStarted()
    expect(player.playing).toBe(false)
    playback.typingStopped()
    expect(player.playing).toBe(true)
  })

  it('keeps playing while typing by default, and does not resume what the reviewer paused', () => {
    const { player, playback } = setup()
    playback.play()
    playback.typingStarted()
    expect(player.playing).toBe(true)
    const typing = setup({ pauseWhileTyping: true })
    typing.playback.typingStarted()
    typing.playback.typingStopped()
    expect(typing.player.playing).toBe(false)
  })

  it('offers key handlers that seek by 2 s and 10 s', () => {
    const { player, playback } = setup()
    player.seekMs(20_000)
    playback.keyHandlers.seekBack()
    expect(player.timeMs).toBe(18_000)
    playback.keyHandlers.seekForwardLong()
    expect(player.timeMs).toBe(28_000)
    playback.keyHandlers.faster()
    expect(player.rate).toBe(1.25)
  })

  it('never seeks before zero', () => {
    const { player, playback } = setup()
    player.seekMs(1200)
    playback.seekBy(-2000)
    expect(player.timeMs).toBe(0)
    playback.seekBy(10_000)
    expect(player.timeMs).toBe(10_000)
  })
})
