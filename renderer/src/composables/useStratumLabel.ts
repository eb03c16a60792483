// A queue stratum's values as the reviewer reads them: the result's value, the duration bucket,
// the finish status or who hung up, in the page's language.
import { useI18n } from 'vue-i18n'
import type { QueueDimension } from '@shared/contract'
import { useEnumLabels } from './useFormat'

export function useStratumLabel() {
  const { t } = useI18n()
  const labels = useEnumLabels()

  function dimensionLabel(dimension: QueueDimension): string {
    return dimension.kind === 'result' ? dimension.name : t(`queues.dimension.${dimension.kind}`)
  }

  function valueLabel(dimension: QueueDimension, value: string | null): string {
    if (value === null) return t('queues.noValue')
    switch (dimension.kind) {
      case 'result':
        return value
      case 'duration':
        return t(`queues.duration.${value}`)
      case 'finishStatus':
        return labels.finishStatus(Number(value))
      case 'hungUpBy':
        return t(`queues.hungUpBy.${value}`)
    }
  }

  return { dimensionLabel, valueLabel }
}
