// vue-i18n set-up: zh-CN is the reference locale, English must be complete (typed).
// Only zh-CN's messages (the default) are in the entry: another language's load when it is first
// applied (start-up with it chosen, or the switch), as a chunk of their own — start-up does not
// parse and run ≈ 50 KB of a language the reviewer is not using. (Element Plus's strings are
// small, and its English is in the entry anyway: its own default.)
import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import elementEn from 'element-plus/es/locale/lang/en'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import type { Language } from '@shared/contract'
import zhCN from './zh-CN'

export const elementLocales = { 'zh-CN': elementZhCn, en: elementEn } as const

export type MessageSchema = typeof zhCN

export const i18n = createI18n<[MessageSchema], Language, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  // Typed as every language's (the compiler checks en.ts against zh-CN's shape); the others are
  // set by loadLanguage before a language is ever applied.
  messages: { 'zh-CN': zhCN } as Record<Language, MessageSchema>,
})

const LOADERS: Record<Exclude<Language, 'zh-CN'>, () => Promise<{ default: MessageSchema }>> = {
  en: () => import('./en'),
}

const loading = new Map<Language, Promise<void>>([['zh-CN', Promise.resolve()]])

function loadLanguage(language: Language): Promise<void> {
  let load = loading.get(language)
  if (!load) {
    load = LOADERS[language as Exclude<Language, 'zh-CN'>]().then((messages) =>
      i18n.global.setLocaleMessage(language, messages.default),
    )
    // A load that failed (the chunk did not arrive) is tried again by the next switch.
    load.catch(() => loading.delete(language))
    loading.set(language, load)
  }
  return load
}

/** The language the app shows (one chosen may still be loading). */
export const shownLanguage = computed<Language>(() => i18n.global.locale.value)

let latest: Language = 'zh-CN'

/**
 * Shows the app in this language once its messages are loaded (at once for one loaded before). Of
 * switches made while a language loads, the last one wins.
 */
export async function applyLanguage(language: Language): Promise<void> {
  latest = language
  await loadLanguage(language)
  if (latest !== language) return
  i18n.global.locale.value = language
  document.documentElement.lang = language
}
