// Tests read exported tables by the stable column keys: each header, in the export's language,
// is turned back into its key through the one label table (a header not in it stays as it is).
import type { Language } from '../shared/contract'
import { EXPORT_LABELS } from '../services/export/export-labels'

export function keyOfHeader(language: Language): (header: string) => string {
  const keys = new Map<string, string>(Object.entries(EXPORT_LABELS[language]).map(([key, label]) => [label, key]))
  return (header) => keys.get(header) ?? header
}

export function rowsByKey<V>(rows: Record<string, V>[], language: Language = 'zh-CN'): Record<string, V>[] {
  const keyOf = keyOfHeader(language)
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([header, value]) => [keyOf(header), value])))
}
