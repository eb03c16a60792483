// The waveform's canvas colours, resolved from Element Plus's variables (a canvas cannot use var()).
// Reading them forces a style recalculation of the page, so it is done once per theme (the root's
// class, which useTheme toggles), not on every call opened.
export interface WaveColors {
  waveColor: string
  progressColor: string
  cursorColor: string
}

let cached: { theme: string; colors: WaveColors } | null = null

export function themeColors(): WaveColors {
  const root = document.documentElement
  if (cached?.theme === root.className) return cached.colors
  const style = getComputedStyle(root)
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  const colors = {
    waveColor: read('--el-text-color-placeholder', '#a8abb2'),
    progressColor: read('--el-color-primary', '#409eff'),
    cursorColor: read('--el-text-color-primary', '#303133'),
  }
  cached = { theme: root.className, colors }
  return colors
}
