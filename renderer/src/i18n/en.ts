import type { MessageSchema } from './index'

const en: MessageSchema = {
  app: {
    name: 'CallLens',
    tagline: 'BYRobot call review',
  },
  nav: {
    tasks: 'Tasks',
    calls: 'Calls',
    settings: 'Settings',
  },
  header: {
    language: 'Language',
    theme: 'Theme',
  },
  theme: {
    light: 'Light',
    dark: 'Dark',
    system: 'System',
  },
  language: {
    'zh-CN': '中文',
    en: 'English',
  },
  tasks: {
    title: 'Tasks',
    emptyTitle: 'No tasks yet',
    emptyHint:
      'Connect a BYRobot account or try the demo: tasks are cached on this computer and stay readable offline.',
  },
  calls: {
    title: 'Calls',
    emptyTitle: 'No cached calls yet',
    emptyHint:
      'Once a task is synced, filter its finished calls here by intent level, result tags, duration and talk rounds.',
  },
  settings: {
    title: 'Settings',
    general: 'General',
    language: 'Language',
    theme: 'Theme',
    keymap: 'Keyboard shortcuts',
    keymapHint: 'Shortcuts become remappable here with the review workspace. Defaults:',
    saved: 'Saved',
  },
  keys: {
    playPause: 'Play / pause',
    nextLine: 'Next line',
    previousLine: 'Previous line',
    seek: 'Seek back / forward 2 s',
    verdict: 'Verdict: pass / fail / follow-up',
    help: 'Shortcut sheet',
  },
  about: {
    title: 'About',
    version: 'Version',
    mode: 'Mode',
    modes: { electron: 'Desktop app', browser: 'Browser mode' },
    dataDir: 'Data directory',
    platform: 'Platform',
    runtime: 'Runtime',
  },
  errors: {
    invalid_input: 'Invalid request: {message}',
    unknown_channel: 'Unknown request: {message}',
    unauthorized: 'The access token is not valid: reopen CallLens with the link it printed at start.',
    forbidden_sender: 'This page may not call CallLens.',
    not_found: 'Not found: {message}',
    internal: 'Internal error: {message}',
    offline: 'Cannot reach the CallLens main process.',
  },
}

export default en
