/** The task statuses the task list filters by (their labels: `taskStatus.N`). */
export const TASK_STATUSES = [0, 1, 2, 3, 4, 5, 6, 7] as const
