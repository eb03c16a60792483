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
    api_bad_credentials:
      'The App Key or App Secret is wrong (signature check failed). Check them in the connection settings.',
    api_forbidden: 'This App Key may not read that company. Check the company ID or ask BYRobot to grant access.',
    api_not_found: 'BYRobot has no such resource (the task or call may have been deleted): {message}',
    api_bad_parameters: 'BYRobot refused the request parameters: {message}',
    api_server_error: 'BYRobot had a server error; CallLens will retry: {message}',
    api_rate_limited: 'Too many requests: BYRobot is rate limiting. CallLens will continue shortly.',
    api_timeout: 'BYRobot did not answer in time. Check the network and try again.',
    api_network:
      'Cannot reach the BYRobot server. Check the network or the base URL; cached calls stay reviewable offline.',
    api_malformed_response: 'BYRobot sent data CallLens cannot read: {message}',
    no_profile: 'No connection yet. Connect a BYRobot account or try the demo first.',
    secret_unavailable: 'The App Secret cannot be read. Enter it again in the connection settings.',
    cancelled: 'Cancelled.',
    offline: 'Cannot reach the CallLens main process.',
  },
}

export default en
