// Display formats shared by lists and detail pages: durations, byte sizes, enum labels.
import { useI18n } from 'vue-i18n'

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—'
  const s = Math.round(seconds)
  const m = Math.floor(s / 60)
  return m > 0 ? `${m}:${String(s % 60).padStart(2, '0')}` : `0:${String(s).padStart(2, '0')}`
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
