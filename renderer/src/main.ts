// The api module goes first: in browser mode it takes the token out of the URL
// fragment before the hash router reads the location.
import './api'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/dark/css-vars.css'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import './styles.css'

createApp(App).use(createPinia()).use(i18n).use(router).mount('#app')
