// How a connection's last sync ended, in words: the header and the Connections page say it alike.
import { useI18n } from 'vue-i18n'
import type { LastSync } from '@shared/contract'
import { formatLocalDateTime } from './useFormat'

/** A stored ending (its phase), 'partial' for one done with failed calls, or no ending yet. */
export type LastSyncState = 'running' | 'never' | 'partial' | LastSync['phase']

export function lastSyncState(lastSync: LastSync | null, running: boolean): LastSyncState {
  if (running) return 'running'
  if (!lastSync) return 'never'
  if (lastSync.phase !== 'done') return lastSync.phase
  return lastSync.errors > 0 ? 'partial' : 'done'
}

export function useLastSyncLabel() {
  const { t } = useI18n()
  return (lastSync: LastSync | null, running = false): string => {
    const state = lastSyncState(lastSync, running)
    const at = lastSync ? formatLocalDateTime(lastSync.finishedAt).slice(5, 16) : ''
    if (state === 'running' || state === 'never') return t(`lastSync.${state}`)
    if (state === 'partial') return t('lastSync.partial', { at, count: lastSync?.errors ?? 0 })
    return t(`lastSync.${state}`, { at })
  }
}
