// How the lead's page writes its numbers: shares as the Insights page writes them (one decimal),
// kappa with two, and how long ago a lease ran out in the two largest units.
/** vue-i18n's t() with named values, as the page passes it. */
type Translate = (key: string, named: Record<string, unknown>) => string

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`

export const kappa = (value: number) => value.toFixed(2)

export function overdueFor(seconds: number, t: Translate): string {
  if (seconds < 60) return t('teamLead.duration.lessThanMinute', {})
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const parts = [
    days > 0 ? t('teamLead.duration.days', { n: days }) : null,
    hours > 0 ? t('teamLead.duration.hours', { n: hours }) : null,
    minutes > 0 ? t('teamLead.duration.minutes', { n: minutes }) : null,
  ].filter((part): part is string => part !== null)
  return parts.slice(0, 2).join(' ')
}
