// Short forms of result values: a task's statistics may say `较强` where its calls carry
// `A级(较强)`. Shared by the client's edge (placing flat statistics rows) and the task detail
// page (linking a bar to the calls it counts).

/** `A级(较强)` → { head: 'A级', inner: '较强' }; full-width brackets too. null without brackets. */
function parts(value: string): { head: string; inner: string } | null {
  const match = /^(.*?)\s*[(（]\s*([^()（）]*?)\s*[)）]\s*$/.exec(value)
  return match ? { head: match[1]!, inner: match[2]! } : null
}

/**
 * The full values a statistics label stands for, among the values known for one result name:
 * the label itself when it is one of them; else every value whose bracketed part or the text
 * before the bracket is the label (several when ambiguous); else none.
 */
export function fullValuesFor(label: string, known: readonly string[]): string[] {
  if (known.includes(label)) return [label]
  const wanted = label.trim()
  if (wanted === '') return []
  return [...new Set(known)].filter((value) => {
    const p = parts(value)
    return p !== null && (p.inner === wanted || p.head === wanted)
  })
}
