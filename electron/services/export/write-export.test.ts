// writeExport and exportToFile over a real cache file: the transcript's continuation columns are
// counted by SQL before the first row, and a file appears under its name only once complete.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bulkInsertCalls } from '../../test-support/cache-bulk-fixture'
import { csvRecords } from '../../test-support/csv-records'
import {
  makeDetail,
  makeSummary,
  makeTask,
  openTempCache,
  tempDir,
  type TempCache,
} from '../../test-support/cache-fixtures'
import { exportCalls } from './export-rows'
import { transcriptText } from './export-table'
import { exportToFile, writeExport, writeFileAtomically } from './write-export'

let temp: TempCache

/** Lines long enough that the call's transcript passes 70,000 characters, minutes into two digits. */
const LONG_LINES = Array.from({ length: 700 }, (_, i) => `第${i}句：${'您好😀'.repeat(30)}`)

beforeEach(() => {
  temp = openTempCache()
  const { cache } = temp
  cache.upsertTasks([makeTask(1), makeTask(2)])
  const short = makeSummary(101, { taskId: 1, customerTelephone: '+8613800001111' })
  const long = makeSummary(102, { taskId: 2 })
  cache.upsertCallSummaries(1, [short])
  cache.upsertCallSummaries(2, [long])
  cache.saveCallDetail(makeDetail(short))
  cache.saveCallDetail(makeDetail(long, LONG_LINES))
})

afterEach(() => temp.cache.close())

describe('the calls export over the cache', () => {
  it('measures the longest transcript in SQL exactly as the export writes it', () => {
    const texts = [...exportCalls(temp.cache)].map((call) => transcriptText(call.transcript))
    expect(Math.max(...texts.map((text) => text.length))).toBeGreaterThan(70_000)
    expect(temp.cache.longestTranscript()).toBe(Math.max(...texts.map((text) => text.length)))
    expect(temp.cache.longestTranscript({ taskId: 1 })).toBe(texts[0]!.length)
    expect(temp.cache.longestTranscript({ taskId: 999 })).toBe(0)
  })

  it('writes a CSV whose long transcript spans continuation columns, reassembling to the original', async () => {
    const path = join(tempDir(), 'calls.csv')
    const file = await exportToFile(temp.cache, { what: 'calls', format: 'csv', filter: {}, language: 'zh-CN' }, path)
    const [header, ...rows] = csvRecords(readFileSync(path, 'utf8').slice(1).replace(/\r\n$/, ''))
    const first = header!.indexOf('通话文本')
    expect(header!.slice(first)).toEqual(['通话文本', '通话文本 (2)', '通话文本 (3)', '通话文本 (4)'])
    expect(file).toEqual({ path, rows: 2, bytes: readFileSync(path).length })
    const long = rows.find((row) => row[0] === '102')!
    const call = [...exportCalls(temp.cache)].find((c) => c.callInstanceId === 102)!
    expect(long.slice(first).join('')).toBe(transcriptText(call.transcript))
    expect(rows.find((row) => row[0] === '101')![header!.indexOf('客户电话')]).toBe('+8613800001111')
  })
})

describe('writing a file atomically', () => {
  it('leaves the earlier file and no part file when the export fails half way', async () => {
    const dir = tempDir()
    const path = join(dir, 'calls.csv')
    writeFileSync(path, 'the earlier export')
    const failing = writeFileAtomically(path, async (out) => {
      out.write('half a file')
      throw new Error('the disk is full')
    })
    await expect(failing).rejects.toMatchObject({
      code: 'export_failed',
      message: expect.stringContaining('the disk is full'),
    })
    expect(readFileSync(path, 'utf8')).toBe('the earlier export')
    expect(readdirSync(dir)).toEqual(['calls.csv'])
  })

  it('replaces the file only once the new one is complete, and says so clearly when it cannot', async () => {
    const dir = tempDir()
    const path = join(dir, 'calls.json')
    await exportToFile(temp.cache, { what: 'calls', format: 'json', filter: {}, language: 'en' }, path)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveLength(2)
    expect(readdirSync(dir)).toEqual(['calls.json'])

    const nowhere = join(dir, 'missing-folder', 'calls.json')
    await expect(
      exportToFile(temp.cache, { what: 'calls', format: 'json', filter: {}, language: 'en' }, nowhere),
    ).rejects.toMatchObject({ code: 'export_failed', message: expect.stringMatching(/missing-folder.*ENOENT/) })
    expect(existsSync(nowhere)).toBe(false)
  })
})

describe('a 20,000-call export', () => {
  it('reads calls from SQLite only a bounded number of rows ahead of what the destination has taken', async () => {
    const CALLS = 20_000
    bulkInsertCalls(temp.cache.path, { from: 1_000, to: 1_000 + CALLS - 1, taskIdSql: '1', linesPerCall: 3 })
    const read = vi.spyOn(temp.cache, 'getCall')
    let received = 0
    let maxAhead = 0
    // A slow destination: one chunk per turn of the event loop, counting the rows in it.
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        received += chunk.toString('utf8').split('\r\n').length - 1
        maxAhead = Math.max(maxAhead, read.mock.calls.length - received)
        setImmediate(done)
      },
    })
    const rows = await writeExport(temp.cache, { what: 'calls', format: 'csv', filter: {}, language: 'en' }, out)
    expect(rows).toBe(CALLS + 2)
    expect(received).toBe(CALLS + 2 + 1)
    expect(read).toHaveBeenCalledTimes(CALLS + 2)
    // Calls are read one at a time as the destination takes them: about what 16 KB of buffer holds
    // (the list is paged beside them, 500 light rows at a time), never the whole export.
    expect(maxAhead).toBeLessThanOrEqual(200)
  }, 120_000)
})
