// Hash routes, so a filtered list is a link (`#/calls?task=…`) that works in both transports.
import { createRouter, createWebHashHistory } from 'vue-router'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/tasks' },
    {
      path: '/tasks',
      name: 'tasks',
      component: () => import('./views/TasksView.vue'),
      meta: { titleKey: 'tasks.title' },
    },
    {
      path: '/calls',
      name: 'calls',
      component: () => import('./views/CallsView.vue'),
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
