// Hash routes, so a filtered list is a link (`#/calls?task=…`) that works in both transports.
// Until a connection profile exists, every route leads to the welcome screen.
import { createRouter, createWebHashHistory } from 'vue-router'
import { useProfilesStore } from './stores/profiles'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/tasks' },
    {
      path: '/welcome',
      name: 'welcome',
      component: () => import('./views/WelcomeView.vue'),
      meta: { titleKey: 'welcome.title' },
    },
    {
      path: '/tasks',
      name: 'tasks',
      component: () => import('./views/TasksView.vue'),
      meta: { titleKey: 'tasks.title' },
    },
    {
      path: '/tasks/:taskId(\\d+)',
      name: 'task',
      component: () => import('./views/TaskDetailView.vue'),
      props: true,
      meta: { titleKey: 'tasks.title' },
    },
    {
      path: '/calls',
      name: 'calls',
      component: () => import('./views/CallsView.vue'),
      meta: { titleKey: 'calls.title' },
    },
    {
      path: '/calls/:callInstanceId(\\d+)',
      name: 'review',
      component: () => import('./views/CallReviewView.vue'),
      props: true,
      meta: { titleKey: 'calls.title' },
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('./views/SettingsView.vue'),
      meta: { titleKey: 'settings.title' },
    },
    { path: '/:pathMatch(.*)*', redirect: '/tasks' },
  ],
})

router.beforeEach(async (to) => {
  const profiles = useProfilesStore()
  if (!profiles.loaded) await profiles.load().catch(() => undefined)
  // Settings stay reachable (language, theme) before any connection exists.
  if (profiles.loaded && profiles.profiles.length === 0 && to.name !== 'welcome' && to.name !== 'settings') {
    return { name: 'welcome' }
  }
  return true
})
