// Hash routes, so a filtered list is a link (`#/calls?task=…`) that works in both transports.
// Until a connection profile exists, every route leads to the welcome screen.
import { createRouter, createWebHashHistory } from 'vue-router'
import { useProfilesStore } from './stores/profiles'
// The landing view is part of the entry: its code arrives with the shell's, not after it.
import TasksView from './views/TasksView.vue'

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
      component: TasksView,
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
      path: '/queues',
      name: 'queues',
      component: () => import('./views/QueuesView.vue'),
      meta: { titleKey: 'queues.title' },
    },
    {
      path: '/insights',
      name: 'insights',
      component: () => import('./views/InsightsView.vue'),
      meta: { titleKey: 'insights.title' },
    },
    {
      path: '/team-lead',
      name: 'team-lead',
      component: () => import('./views/TeamLeadView.vue'),
      meta: { titleKey: 'teamLead.title' },
    },
    {
      path: '/calibration',
      name: 'calibration',
      component: () => import('./views/CalibrationView.vue'),
      meta: { titleKey: 'calibration.title' },
    },
    {
      path: '/calibration/:sessionId(\\d+)',
      name: 'calibration-session',
      component: () => import('./views/CalibrationSessionView.vue'),
      props: (route) => ({ sessionId: Number(route.params.sessionId) }),
      meta: { titleKey: 'calibration.title' },
    },
    {
      path: '/connections',
      name: 'connections',
      component: () => import('./views/ConnectionsView.vue'),
      meta: { titleKey: 'connections.title' },
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

const REACHABLE_WITHOUT_PROFILE = new Set<unknown>(['welcome', 'settings', 'connections'])

router.beforeEach(async (to) => {
  const profiles = useProfilesStore()
  if (!profiles.loaded) await profiles.loadOnce().catch(() => undefined)
  // Settings (language, theme) and Connections stay reachable before any connection exists.
  if (profiles.loaded && profiles.profiles.length === 0 && !REACHABLE_WITHOUT_PROFILE.has(to.name)) {
    return { name: 'welcome' }
  }
  return true
})

/**
 * Starts downloading the views the page's current location shows (a link into the app: the task
 * list is in the entry), so their chunks arrive while start-up waits on the API; the first
 * navigation then finds them loaded.
 */
export function preloadCurrentViews(): void {
  let target = router.resolve(router.options.history.location)
  // resolve() does not follow redirects ('/' → '/tasks'); one string redirect covers ours.
  const redirect = target.matched.at(-1)?.redirect
  if (typeof redirect === 'string') target = router.resolve(redirect)
  for (const record of target.matched) {
    for (const view of Object.values(record.components ?? {})) {
      // Every route here is a lazy `() => import(…)`; a loaded one is already an object.
      if (typeof view === 'function') void (view as () => Promise<unknown>)().catch(() => undefined)
    }
  }
}
