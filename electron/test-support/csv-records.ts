// Test support: CSV text split into records, honouring quoted fields with commas and line breaks.
export function csvRecords(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch !== '"') field += ch
      else if (text[i + 1] === '"') field += text[++i]
      else quoted = false
    } else if (ch === '"') {
      quoted = true
    } else if (ch === ',') {
      record.push(field)
      field = ''
    } else if (ch === '\n') {
      record.push(field.replace(/\r$/, ''))
      records.push(record)
      record = []
      field = ''
    } else {
      field += ch
    }
  }
  if (field !== '' || record.length > 0) records.push([...record, field])
  return records
}

/** A CSV export as objects keyed by its header (BOM removed). */
export function csvObjects(text: string): Record<string, string>[] {
  const [header = [], ...rows] = csvRecords(text.replace(/^\uFEFF/, ''))
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])))
}
