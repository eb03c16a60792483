// ECharts tooltips are HTML: text from the API (script lines, tag values) must reach them as text.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
