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
import { i18n } from './i18n'
import { preloadCurrentViews, router } from './router'
import { useAppStore } from './stores/app'
import { useProfilesStore } from './stores/profiles'
import './styles.css'

/**
 * vue-router takes up hash changes only once its first navigation is done (which waits for the
 * profiles), and that navigation then writes its own route into the URL: a link followed meanwhile
 * is gone to from there.
 */
function followLinksWhileStarting(): void {
  let followed: string | null = null
  const remember = () => (followed = window.location.hash)
  window.addEventListener('hashchange', remember)
  void router
    .isReady()
    .catch(() => undefined)
    .then(() => {
      window.removeEventListener('hashchange', remember)
      if (followed !== null) void router.replace(followed.slice(1) || '/')
    })
}

function start(): void {
  const pinia = createPinia()
  const app = createApp(App).use(pinia).use(i18n)
  // Everything the first screen needs is asked for at once: the view's chunks and the shell's
  // data load while the profiles arrive (App.vue shows a failure of the latter).
  preloadCurrentViews()
  void useAppStore(pinia).loadShell()
  void useProfilesStore(pinia)
    .loadOnce()
    .catch(() => undefined)
  // Mounted now, while start-up's answers are on their way: the shell is built while the page
  // would otherwise wait, and shows once the theme and language are known (App.vue). The router's
  // first navigation waits for the profiles (router.ts); a link followed meanwhile (#/calls/123)
  // is gone to once it is done, never overtaken by the redirect to the task list.
  app.use(router).mount('#app')
  followLinksWhileStarting()
  // A calllens:// link opened while the app runs (main has checked it): go to that moment.
  appApi.onOpenCall((link) => void router.push(callLinkPath(link)))
}

start()
