// A reviewer exports the calls list in each format: the browser's download holds every row,
// a phone number with its + is text (no stray apostrophe) and the headers follow the UI language.
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Download, Page } from '@playwright/test'
import { csvRecords } from '../electron/test-support/csv-records'
import { startSimulator, type RunningSimulator } from '../electron/sim/simulator'
import { expect, test } from './fixtures'
import { connectThroughWelcome } from './simulated-byrobot'

const PHONE = '+8613800001111'
let sim: RunningSimulator | undefined
test.afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function exportAs(page: Page, format: 'csv' | 'xlsx' | 'json'): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()])
  expect(await download.failure()).toBeNull()
  return download
}

function csvLines(path: string): string[][] {
  const text = readFileSync(path, 'utf8')
  expect(text.startsWith('\uFEFF')).toBe(true)
  return csvRecords(text.slice(1))
}

test('exported calls hold every row, keep a +86 phone number as text and write headers in the UI language', async ({
  app,
}) => {
  test.setTimeout(150_000)
  sim = await startSimulator({ generate: { tasks: 3, calls: 40, seed: 8 } })
  // A customer whose number starts with +: its call finishes before the sync.
  const state = sim.store.tasksOfCompany(sim.companyId).find((s) => !s.task.deleted && s.notDialed.length > 0)!
  state.notDialed[0]!.customerTelephone = PHONE
  const [plusCall] = sim.store.finishCalls(state.task.callJobId, 1, Date.now())
  const callId = String(plusCall!.callInstanceId)
  const total = sim.store
    .tasksOfCompany(sim.companyId)
    .filter((s) => !s.task.deleted)
    .reduce((n, s) => n + s.calls.length, 0)

  const { page } = app
  await connectThroughWelcome(page, {
    name: '导出',
    baseUrl: sim.baseUrl,
    ...sim.credentials,
    companyId: sim.companyId,
  })
  await expect(page.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 90_000 })
  await page.getByTestId('nav-calls').click()
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(total))

  // Excel: one row per call under a Chinese header; the phone cell is a text cell, as given.
  const xlsx = await exportAs(page, 'xlsx')
  expect(xlsx.suggestedFilename()).toMatch(/^calllens-calls-\d{12}\.xlsx$/)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet('calls')!
  expect(sheet.rowCount).toBe(total + 1)
  const header = (sheet.getRow(1).values as unknown[]).slice(1)
  expect(header.slice(0, 4)).toEqual(['通话ID', '任务ID', '任务名称', '客户姓名'])
  const phoneColumn = header.indexOf('客户电话') + 1
  expect(phoneColumn).toBeGreaterThan(0)
  let phoneRow: ExcelJS.Row | undefined
  sheet.eachRow((row) => {
    if (row.getCell(1).value === Number(callId)) phoneRow = row
  })
  const phoneCell = phoneRow!.getCell(phoneColumn)
  expect(phoneCell.value).toBe(PHONE)
  expect(phoneCell.type).toBe(ExcelJS.ValueType.String)
  expect(phoneCell.numFmt).toBe('@')

  // CSV: the same rows; the + number is written as it is, without a leading apostrophe.
  const [csvHeader, ...csvRows] = csvLines((await (await exportAs(page, 'csv')).path())!)
  expect(csvHeader![0]).toBe('通话ID')
  expect(csvRows).toHaveLength(total)
  expect(csvRows.find((row) => row[0] === callId)![csvHeader!.indexOf('客户电话')]).toBe(PHONE)

  // In English, the headers are English; JSON keeps its stable keys either way.
  await page.getByTestId('language-button').click()
  await page.getByTestId('language-option-en').click()
  await expect(page.getByTestId('export-csv')).toHaveText('Export CSV')
  const [enHeader, ...enRows] = csvLines((await (await exportAs(page, 'csv')).path())!)
  expect(enHeader!.slice(0, 4)).toEqual(['Call ID', 'Task ID', 'Task', 'Customer'])
  expect(enRows.find((row) => row[0] === callId)![enHeader!.indexOf('Customer phone')]).toBe(PHONE)
  const json = JSON.parse(readFileSync((await (await exportAs(page, 'json')).path())!, 'utf8')) as {
    callInstanceId: number
    customerTelephone: string
  }[]
  expect(json).toHaveLength(total)
  expect(json.find((call) => call.callInstanceId === Number(callId))!.customerTelephone).toBe(PHONE)
})
