// Search that leads somewhere, on the demo data: a word searched in the call list is marked in
// each row's snippet, opening a row lands on the call's first line with it, and Ctrl+F / `/`
// find within the open call's transcript.
import { demo } from './demo-data'
import { expect, test } from './fixtures'
import { startDemo } from './demo-journey'

interface DemoLine {
  content: string
  startTime: number
}

/** The demo calls the demo key may read, with their transcript lines. */
function demoTranscripts(): Map<number, DemoLine[]> {
  const companies = demo.credentials[0]!.companyIds
  const calls = demo.calls as unknown as { callInstanceId: number; companyId: number; phoneLogs: DemoLine[] }[]
  return new Map(calls.filter((c) => companies.includes(c.companyId)).map((c) => [c.callInstanceId, c.phoneLogs ?? []]))
}

const occurrences = (text: string, word: string) => text.split(word).length - 1

test('a word searched in the list is marked in the rows and leads to its first line and through the call', async ({
  app,
}) => {
  test.setTimeout(150_000)
  const page = app.page
  const WORD = '首付'
  const FIND = '贷款'
  const transcripts = demoTranscripts()
  const withWord = [...transcripts].filter(([, lines]) => lines.some((l) => l.content.includes(WORD)))
  expect(withWord.length).toBeGreaterThan(1)
  await startDemo(page)

  // The list, searched for the word: exactly the calls whose transcript has it, each showing it marked.
  await page.getByTestId('nav-calls').click()
  const search = page.locator('input[data-testid="filter-text"], [data-testid="filter-text"] input').first()
  await search.fill(WORD)
  await search.press('Enter')
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(withWord.length))
  expect(page.url()).toContain(`q=${encodeURIComponent(WORD)}`)
  const rows = page.locator('[data-testid="call-row"][data-call-id]')
  await expect(rows).toHaveCount(withWord.length)
  const snippetMarks = rows.locator('[data-testid="call-snippet"] mark')
  await expect(snippetMarks).toHaveCount(withWord.length)
  expect(new Set(await snippetMarks.allTextContents())).toEqual(new Set([WORD]))

  // Open the call that mentions it most, with the other word too: it lands on the first line with the word.
  const [callId, lines] = withWord
    .filter(([, ls]) => ls.some((l) => l.content.includes(FIND)))
    .sort(
      ([, a], [, b]) =>
        occurrences(b.map((l) => l.content).join('\n'), WORD) - occurrences(a.map((l) => l.content).join('\n'), WORD),
    )[0]!
  const firstLine = lines.find((l) => l.content.includes(WORD))!
  await page.locator(`[data-testid="call-row"][data-call-id="${callId}"]`).dblclick()
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))
  await expect(page.getByTestId('waveform')).toHaveAttribute('data-state', 'ready')
  const current = page.locator('[data-testid="transcript-line"][aria-current="true"]')
  await expect(current).toContainText(firstLine.content)
  const start = Number(await current.getAttribute('data-start-ms'))
  await expect
    .poll(async () => Number(await page.getByTestId('player-time').getAttribute('data-ms')))
    .toBeGreaterThanOrEqual(start - 1)
  expect(Number(await page.getByTestId('player-time').getAttribute('data-ms'))).toBeLessThan(start + 50)
  // Every occurrence of the word in the transcript is marked, and nothing else.
  const transcriptMarks = page.locator('[data-testid="transcript-line"] mark')
  const wordCount = occurrences(lines.map((l) => l.content).join('\n'), WORD)
  await expect(transcriptMarks).toHaveCount(wordCount)
  expect(new Set(await transcriptMarks.allTextContents())).toEqual(new Set([WORD]))

  // Ctrl+F, then typing: the count of the other word's matches in this call; Enter goes to the next one.
  await page.keyboard.press('Control+f')
  const find = page.getByTestId('transcript-find-input')
  await expect(find).toBeFocused()
  await find.fill(FIND)
  const findCount = occurrences(lines.map((l) => l.content).join('\n'), FIND)
  expect(findCount).toBeGreaterThan(1)
  const count = page.getByTestId('transcript-find-count')
  await expect(count).toHaveAttribute('data-total', String(findCount))
  await expect(count).toHaveText(`1 / ${findCount}`)
  await expect(transcriptMarks).toHaveCount(findCount)
  await find.press('Enter')
  await expect(count).toHaveText(`2 / ${findCount}`)
  // The second match is the one in focus, and the player went to its line.
  const focused = page.locator('[data-testid="transcript-line"] mark[aria-current="true"]')
  await expect(focused).toHaveText(FIND)
  const matchLines = lines.filter((l) => l.content.includes(FIND))
  const second = matchLines.length > 1 ? matchLines[1]! : matchLines[0]!
  await expect(current).toContainText(second.content)
  await expect(current.locator('mark[aria-current="true"]')).toHaveCount(1)
  await find.press('Shift+Enter')
  await expect(count).toHaveText(`1 / ${findCount}`)

  // Typed into the field, a shortcut key is text: "2" sets no verdict.
  await find.press('2')
  await expect(find).toHaveValue(`${FIND}2`)
  await expect(count).toHaveAttribute('data-total', '0')
  await expect(page.getByTestId('verdict-fail')).not.toHaveClass(/is-active/)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))

  // Esc closes the box and stays on the call; `/` opens it again with the cursor in it.
  await find.press('Escape')
  await expect(page.getByTestId('transcript-find')).toHaveCount(0)
  await expect(page.getByTestId('review-page')).toHaveAttribute('data-call-id', String(callId))
  await page.keyboard.press('/')
  await expect(find).toBeFocused()
  await expect(find).toHaveValue(`${FIND}2`)
})
