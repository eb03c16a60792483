// The one contract between renderer and main: every channel and every event.
import type { z } from 'zod'
import { appChannels } from './app'
import { calibrationChannels } from './calibration'
import { callsChannels } from './calls'
import { demoChannels } from './demo'
import { exportChannels } from './exports'
import { insightsChannels } from './insights'
import { mediaChannels } from './media'
import { profilesChannels } from './profiles'
import { queuesChannels } from './queues'
import { reviewsChannels } from './reviews'
import { settingsChannels } from './settings'
import { syncChannels } from './sync'
import { tasksChannels } from './tasks'
import { teamChannels } from './team'
import { teamReportsChannels } from './team-reports'
import { updatesChannels } from './updates'

export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...profilesChannels,
  ...demoChannels,
  ...syncChannels,
  ...tasksChannels,
  ...callsChannels,
  ...mediaChannels,
  ...reviewsChannels,
  ...exportChannels,
  ...queuesChannels,
  ...insightsChannels,
  ...teamChannels,
  ...teamReportsChannels,
  ...calibrationChannels,
  ...updatesChannels,
}

export type Channels = typeof channels
export type ChannelName = keyof Channels
/** What the renderer passes (before validation and defaults). */
export type ChannelInput<N extends ChannelName> = z.input<Channels[N]['input']>
/** What a handler receives (after validation). */
export type ValidInput<N extends ChannelName> = z.output<Channels[N]['input']>
export type ChannelOutput<N extends ChannelName> = z.output<Channels[N]['output']>

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name)
}

/** Electron IPC channel names; the only two strings preload and main share. */
export const IPC_INVOKE = 'calllens:invoke'
export const IPC_EVENT = 'calllens:event'

export * from './errors'
export * from './app'
export * from './settings'
export * from './updates'
export * from './default-settings'
export * from './events'
export * from './domain'
export * from './profiles'
export * from './sync'
export * from './demo'
export * from './reviews'
export * from './tasks'
export * from './calls'
export * from './media'
export * from './peak-resolution'
export * from './exports'
export * from './queues'
export * from './insights'
export * from './team'
export * from './team-reports'
export * from './calibration'
