// Hostile content in the data: customer names, task names, transcript lines, result names and
// values, and a reviewer's note carrying HTML and script payloads, `javascript:` links, Vue
// template syntax, very long strings, RTL overrides and zero-width characters. Everything renders
// as text, nothing runs, and the CSP blocks an inline script even if one got into the page.
// (No `v-html` anywhere in renderer/: ESLint's vue/no-v-html is an error in eslint.config.js.)
import { createHash } from 'node:crypto'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectThroughWelcome, writeDataset } from './simulated-byrobot'

const PAYLOADS = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  '<a href="javascript:window.__pwned=1">点我</a>',
  'javascript:window.__pwned=1',
  '<svg onload=window.__pwned=1></svg>',
  "{{ constructor.constructor('window.__pwned=1')() }}",
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '\u202Egnp.exe\u202C 王\u200B五\u200D\uFEFF',
  `超长${'很长的话'.repeat(800)}结尾`,
]

const INLINE_SCRIPT = 'window.__inlineRan = 1'

declare global {
  interface Window {
    __pwned?: unknown
    __inlineRan?: unknown
  }
}

let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

test('hostile names, transcripts, results and notes render as text and run nothing', async ({ app }) => {
  test.setTimeout(120_000)
  const { dir, dataset } = writeDataset((data) => ({
    ...data,
    tasks: data.tasks.map((task) => ({ ...task, jobName: `${PAYLOADS[0]}任务` })),
    calls: data.calls.map((call, c) => ({
      ...call,
      customerName: PAYLOADS[c === 0 ? 0 : 5]!,
      phoneLogs: call.phoneLogs.map((line, i) => ({ ...line, content: PAYLOADS[i % PAYLOADS.length]! })),
      taskResult: [
        { resultName: '客户意向等级', resultValue: PAYLOADS[1]!, resultDesc: PAYLOADS[2]! },
        { resultName: '<b onmouseover=window.__pwned=1>关注点</b>', resultValue: PAYLOADS[7]!, resultDesc: null },
      ],
    })),
  }))
  expect(dataset.calls[0]!.phoneLogs.length).toBeGreaterThanOrEqual(PAYLOADS.length)
  sim = await startSimulator({ dataset: dir })
  const page = app.page
  await connectThroughWelcome(page, {
    name: '恶意数据',
    baseUrl: sim.baseUrl,
    ...sim.credentials,
    companyId: sim.companyId,
  })
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('sync-errors-link')).toHaveCount(0)

  const renderedText = () => page.evaluate(() => document.body.innerText)
  const expectNothingRan = async () => {
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
    expect(
      await page.locator('img[src="x"], svg[onload], iframe, a[href^="javascript:" i], b[onmouseover]').count(),
    ).toBe(0)
  }

  // Tasks: the task name is shown as typed.
  await page.getByTestId('nav-tasks').click()
  await expect(page.getByTestId('tasks-page')).toContainText(`${PAYLOADS[0]}任务`)
  await expectNothingRan()

  // Calls: the customer names in the list, the result names and values among the facets.
  await page.getByTestId('nav-calls').click()
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows).toHaveCount(dataset.calls.length)
  await expect(rows.filter({ hasText: PAYLOADS[0]! })).toHaveCount(1)
  await expect(rows.filter({ hasText: PAYLOADS[5]! })).toHaveCount(1)
  const listed = await renderedText()
  expect(listed).toContain(PAYLOADS[1])
  expect(listed).toContain('<b onmouseover=window.__pwned=1>关注点</b>')
  await expectNothingRan()

  // One call: its customer, every transcript line and every result, literally.
  const callId = dataset.calls[0]!.callInstanceId
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${callId}`)
  await expect(page.getByTestId('review-customer')).toContainText(PAYLOADS[0]!)
  const lines = page.getByTestId('transcript-line')
  await expect(lines).toHaveCount(dataset.calls[0]!.phoneLogs.length)
  for (const payload of PAYLOADS.slice(0, 7)) {
    await expect(lines.filter({ hasText: payload }).first()).toBeVisible()
  }
  const transcript = await lines.evaluateAll((els) => els.map((el) => el.textContent ?? ''))
  // Direction overrides and zero-width characters are kept as characters, not stripped or obeyed.
  expect(transcript.some((text) => text.includes(PAYLOADS[7]!))).toBe(true)
  expect(transcript.some((text) => text.includes(PAYLOADS[8]!))).toBe(true)
  await expect(page.getByTestId('result-checks')).toContainText(PAYLOADS[1]!)
  await expectNothingRan()

  // Searched for a word inside a payload: the match is marked as text in the rows' snippets and the transcript.
  await page.evaluate((hash) => (window.location.hash = hash), '#/calls?q=onerror')
  await expect(rows).toHaveCount(dataset.calls.length)
  await expect(rows.locator('[data-testid="call-snippet"] mark')).toHaveCount(dataset.calls.length)
  expect(new Set(await rows.locator('[data-testid="call-snippet"] mark').allTextContents())).toEqual(
    new Set(['onerror']),
  )
  await expectNothingRan()
  await page.evaluate((hash) => (window.location.hash = hash), `#/calls/${callId}?q=onerror`)
  const marks = page.locator('[data-testid="transcript-line"] mark')
  const withPayload = dataset.calls[0]!.phoneLogs.filter((_, i) => i % PAYLOADS.length === 0).length
  await expect(marks).toHaveCount(withPayload)
  expect(new Set(await marks.allTextContents())).toEqual(new Set(['onerror']))
  await expect(lines.filter({ hasText: PAYLOADS[0]! })).toHaveCount(withPayload)
  await expectNothingRan()

  // A hostile note is saved and shown back as typed.
  const note = `${PAYLOADS[0]} ${PAYLOADS[1]} ${PAYLOADS[5]}`
  await page.getByTestId('note-text').fill(note)
  await page.getByTestId('note-text').press('Escape')
  await expect(page.getByTestId('note-saved')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('note-text')).toHaveValue(note)
  await expectNothingRan()

  // Even an inline script put into the page does not run: the CSP forbids it.
  const before = app.problems.length
  const ran = await page.evaluate(async (text) => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true }),
    )
    const script = document.createElement('script')
    script.textContent = text
    document.body.append(script)
    return { ran: window.__inlineRan, directive: await violation }
  }, INLINE_SCRIPT)
  expect(ran).toEqual({ ran: undefined, directive: expect.stringMatching(/^script-src/) })
  // The fixture counts CSP reports as failures. This one we caused on purpose: it is reported once
  // per policy (the header's and the meta tag's) and names our script by its hash; take those out.
  const ours = `sha256-${createHash('sha256').update(INLINE_SCRIPT).digest('base64')}`
  await expect.poll(() => app.problems.length).toBeGreaterThan(before)
  const caused = app.problems.splice(before)
  for (const problem of caused) expect(problem).toMatch(/^csp: Executing inline script violates/)
  for (const problem of caused) expect(problem).toContain(ours)
  await expectNothingRan()
})
