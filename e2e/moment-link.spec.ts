// A link to a moment of a call (`#/calls/ID?t=SECONDS`) opens the call with the playhead there and
// that line current, checked on the real <audio> element; Shift+L copies the link to where it stands.
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

const CALL = 730001

declare global {
  interface Window {
    createdAudio?: HTMLAudioElement[]
  }
}

test('a ?t= link opens the call at that time, with the line playing there highlighted, and Shift+L copies it', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const page = app.page
  await startDemo(page)
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${CALL}`)
  const review = page.getByTestId('review-page')
  await expect(review).toHaveAttribute('data-built', 'true')
  const lines = await page.getByTestId('transcript-line').evaluateAll((els) =>
    els.map((el) => ({
      index: Number(el.getAttribute('data-index')),
      start: Number(el.getAttribute('data-start-ms')),
      end: Number(el.getAttribute('data-end-ms')),
    })),
  )
  // A line well into the call, long enough to land inside it at a tenth of a second.
  const line = lines.slice(3).find((l) => l.end - l.start > 800)!
  expect(line, 'the demo call has a long line past its third').toBeTruthy()
  const seconds = Math.round((line.start + line.end) / 200) / 10
  const link = `#/calls/${CALL}?t=${seconds}`

  // Opened as a link is: a fresh page load at that address (the audio elements the page makes are kept).
  await page.addInitScript(() => {
    const create = document.createElement.bind(document)
    window.createdAudio = []
    document.createElement = ((tag: string, options?: ElementCreationOptions) => {
      const element = create(tag, options)
      if (element instanceof HTMLAudioElement) window.createdAudio!.push(element)
      return element
    }) as typeof document.createElement
  })
  await page.evaluate((hash) => (window.location.hash = hash), link)
  await page.reload()
  await expect(review).toHaveAttribute('data-call-id', String(CALL))
  await expect(review).toHaveAttribute('data-built', 'true')
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')

  const mediaMs = () =>
    page.evaluate(() => {
      const audio = window.createdAudio?.at(-1)
      return audio ? audio.currentTime * 1000 : null
    })
  await expect.poll(mediaMs).not.toBeNull()
  expect(Math.abs((await mediaMs())! - seconds * 1000), 'the media element stands at the link time').toBeLessThan(15)
  await expect(page.locator('[data-testid="transcript-line"][aria-current="true"]')).toHaveAttribute(
    'data-index',
    String(line.index),
  )
  expect(await page.locator('[data-testid="transcript-line"][aria-current="true"]').count()).toBe(1)

  // Shift+L: the host page's address of this moment, on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.keyboard.press('Shift+L')
  const origin = new URL(page.url()).origin
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${origin}/${link}`)
})
