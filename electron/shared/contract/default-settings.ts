// The settings a fresh install starts with. Its own module (not constants.ts) because it is typed by
// settings.ts, which builds its schemas from constants.ts: one direction, no import cycle.
import type { Settings } from './settings'

export const DEFAULT_SETTINGS: Settings = {
  language: 'zh-CN',
  theme: 'system',
  keymap: {},
  rewindOnResumeMs: 0,
  pauseWhileTyping: false,
  syncEveryMinutes: 0,
  updateFeedUrl: '',
}
