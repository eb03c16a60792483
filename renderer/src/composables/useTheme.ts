// The theme setting resolved against the system preference, and applied to <html>
// (Element Plus's dark variables key off `html.dark`).
import { usePreferredDark } from '@vueuse/core'
import { computed, toRef, watchEffect, type ComputedRef, type Ref } from 'vue'
import type { Theme } from '@shared/contract'

export function useIsDark(theme: Ref<Theme>): ComputedRef<boolean> {
  const prefersDark = usePreferredDark()
  return computed(() => theme.value === 'dark' || (theme.value === 'system' && prefersDark.value))
}

/** Applies the theme; null leaves the page as it is (the setting is not known yet). */
export function useTheme(theme: Ref<Theme | null>): void {
  const isDark = useIsDark(toRef(() => theme.value ?? 'light'))
  watchEffect(() => {
    if (theme.value === null) return
    document.documentElement.classList.toggle('dark', isDark.value)
    document.documentElement.style.colorScheme = isDark.value ? 'dark' : 'light'
  })
}
