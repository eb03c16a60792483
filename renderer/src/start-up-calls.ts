// Start-up's API calls leave while the rest of the bundle still evaluates: main.ts imports this
// module first, so they are sent before Vue, Element Plus and the views are even set up.
import { sendStartUpCalls } from './api'

// The hash router's landing ('/' redirects to the task list), after the token was taken out.
const LANDS_ON_TASK_LIST = ['', '#', '#/', '#/tasks']

sendStartUpCalls({ taskList: LANDS_ON_TASK_LIST.includes(window.location.hash) })
