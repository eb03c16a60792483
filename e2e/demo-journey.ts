// The first steps most journeys share: try the demo on the welcome screen and wait for its sync.
import type { Page } from '@playwright/test'
import { expect } from './fixtures'

export async function startDemo(page: Page): Promise<void> {
  await expect(page.getByTestId('welcome-page')).toBeVisible()
  await page.getByTestId('try-demo').click()
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 })
}
