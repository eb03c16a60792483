// The api module goes first (through start-up-calls): in browser mode it takes the token out of
// the URL fragment before the hash router reads the location, and start-up's calls leave at once.
import './start-up-calls'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/dark/css-vars.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { callLinkPath } from '@shared/call-link-path'
import { appApi } from './api'
import App from './App.vue'
import { applyLanguage, i18n } from './i18n'
import { preloadCurrentViews, router } from './router'
import { useAppStore } from './stores/app'
import { useProfilesStore } from './stores/profiles'
import { useSettingsStore } from './stores/settings'
import './styles.css'

async function start(): Promise<void> {
  const pinia = createPinia()
  const app = createApp(App).use(pinia).use(i18n)
  // Everything the first screen needs is asked for at once: the view's chunks and the shell's
  // data load while the profiles arrive (App.vue shows a failure of the latter).
  preloadCurrentViews()
  const shell = useAppStore(pinia).loadShell()
  // A language other than zh-CN loads as a chunk of its own: the first screen waits for it rather
  // than show in zh-CN for a moment (the default language needs nothing; App.vue applies changes).
  const language = shell.then(() => {
    const chosen = useSettingsStore(pinia).settings.language
    return chosen === 'zh-CN' ? undefined : applyLanguage(chosen)
  })
  // Profiles before the router: its first navigation then resolves at once, so a link followed
  // during start-up (#/calls/123) is never overtaken by the redirect to the task list.
  await Promise.all([
    useProfilesStore(pinia)
      .load()
      .catch(() => undefined),
    language.catch(() => undefined),
  ])
  app.use(router).mount('#app')
  // A calllens:// link opened while the app runs (main has checked it): go to that moment.
  appApi.onOpenCall((link) => void router.push(callLinkPath(link)))
}

void start()
