// vue-i18n set-up: zh-CN is the reference locale, English must be complete (typed).
import { createI18n } from 'vue-i18n'
import elementEn from 'element-plus/es/locale/lang/en'
import elementZhCn from 'element-plus/es/locale/lang/zh-cn'
import type { Language } from '@shared/contract'
import en from './en'
import zhCN from './zh-CN'

export type MessageSchema = typeof zhCN

export const i18n = createI18n<[MessageSchema], Language, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export const elementLocales = { 'zh-CN': elementZhCn, en: elementEn } as const

export function applyLanguage(language: Language): void {
  i18n.global.locale.value = language
  document.documentElement.lang = language
}
