// The theme setting resolved against the system preference, and applied to <html>
// (Element Plus's dark variables key off `html.dark`).
import { usePreferredDark } from '@vueuse/core'
import { computed, watchEffect, type ComputedRef, type Ref } from 'vue'
import type { Theme } from '@shared/contract'

export function useIsDark(theme: Ref<Theme>): ComputedRef<boolean> {
  const prefersDark = usePreferredDark()
  return computed(() => theme.value === 'dark' || (theme.value === 'system' && prefersDark.value))
}

export function useTheme(theme: Ref<Theme>): void {
  const isDark = useIsDark(theme)
  watchEffect(() => {
    document.documentElement.classList.toggle('dark', isDark.value)
    document.documentElement.style.colorScheme = isDark.value ? 'dark' : 'light'
  })
}
