// Display formats shared by lists and detail pages: durations, times, byte sizes, enum labels.
import { useI18n } from 'vue-i18n'

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—'
  const s = Math.round(seconds)
  const m = Math.floor(s / 60)
  return m > 0 ? `${m}:${String(s % 60).padStart(2, '0')}` : `0:${String(s).padStart(2, '0')}`
}

/**
 * A moment as local `YYYY-MM-DD HH:mm:ss`, the form BYRobot's own times take in every list. Not
 * Intl: the first Intl formatter a page builds loads the locale's data (≈ 60 ms at start-up).
 */
export function formatLocalDateTime(moment: string | number | Date): string {
  const date = new Date(moment)
  if (Number.isNaN(date.getTime())) return '—'
  const two = (n: number) => String(n).padStart(2, '0')
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  )
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function useEnumLabels() {
  const { t, te } = useI18n()
  const label = (group: 'taskStatus' | 'finishStatus', value: number | null): string => {
    if (value === null) return '—'
    const key = `${group}.${value}`
    // Unknown values (newer API versions add some) show as their number, never dropped.
    return te(key) ? t(key) : t(`${group}.unknown`, { value })
  }
  return {
    taskStatus: (value: number | null) => label('taskStatus', value),
    finishStatus: (value: number | null) => label('finishStatus', value),
  }
}
