// The three writers read back: CSV by a CSV parser, XLSX by exceljs, JSON by JSON.parse; phone
// numbers, formula-looking text, transcripts past Excel's cell limit and the header's language.
import { PassThrough, Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { csvRecords } from '../../test-support/csv-records'
import { EXCEL_CELL_LIMIT, TableLayout, splitForCells, type TableColumn } from './export-table'
import { writeCsv, writeJson, writeXlsx } from './export-writers'

interface Row {
  id: number
  phone: string | null
  note: string | null
  transcript: string
}

const COLUMNS: TableColumn<Row>[] = [
  { key: 'callInstanceId', value: (r) => r.id },
  { key: 'customerTelephone', value: (r) => r.phone, phone: true },
  { key: 'reviewText', value: (r) => r.note },
  { key: 'transcript', value: (r) => r.transcript, long: true },
]

/** 70,000 characters: mixed Chinese, ASCII and emoji (a surrogate pair near each cut). */
const LONG = Array.from({ length: 7000 }, (_, i) => (i % 7 === 0 ? '您好😀abcde' : '稍后回电abcdef'))
  .join('')
  .padEnd(70_000, '尾')
  .slice(0, 70_000)

const ROWS: Row[] = [
  { id: 1, phone: '+8613800001111', note: '=HYPERLINK("http://evil","click")', transcript: 'short' },
  { id: 2, phone: '021-5555 0000', note: "+1+cmd|' /C calc'!A0", transcript: LONG },
  { id: 3, phone: '13800001111', note: '@SUM(A1:A2)', transcript: '' },
  { id: 4, phone: null, note: '-2+3', transcript: '\tnot a formula' },
]

const layoutFor = (rows: Row[]) =>
  new TableLayout(COLUMNS, (key) => (key === 'transcript' ? Math.max(...rows.map((r) => r.transcript.length)) : 0))

/** A destination that keeps what it is sent. */
function collector(): { out: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = []
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk))
      done()
    },
  })
  return { out, bytes: () => Buffer.concat(chunks) }
}

async function csvOf(rows: Row[], language: 'zh-CN' | 'en' = 'zh-CN') {
  const { out, bytes } = collector()
  const count = await writeCsv(layoutFor(rows), language, rows, out)
  const text = bytes().toString('utf8')
  expect(text.startsWith('\uFEFF')).toBe(true)
  return { count, records: csvRecords(text.slice(1).replace(/\r\n$/, '')) }
}

async function xlsxOf(rows: Row[], language: 'zh-CN' | 'en' = 'zh-CN') {
  const { out, bytes } = collector()
  const count = await writeXlsx('calls', layoutFor(rows), language, rows, out)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes() as unknown as ArrayBuffer)
  return { count, sheet: workbook.getWorksheet('calls')! }
}

describe('the CSV writer', () => {
  it('writes the header in the requested language, with continuation columns for the long transcript', async () => {
    const zh = await csvOf(ROWS)
    expect(zh.records[0]).toEqual(['通话ID', '客户电话', '审听备注', '通话文本', '通话文本 (2)', '通话文本 (3)'])
    const en = await csvOf(ROWS, 'en')
    expect(en.records[0]).toEqual([
      'Call ID',
      'Customer phone',
      'Review note',
      'Transcript',
      'Transcript (2)',
      'Transcript (3)',
    ])
    expect(en.count).toBe(4)
    expect(en.records).toHaveLength(5)
  })

  it('writes phone numbers as they are and neutralises text a spreadsheet would run as a formula', async () => {
    const { records } = await csvOf(ROWS)
    const [, first, second, third, fourth] = records
    expect([first![1], second![1], third![1], fourth![1]]).toEqual([
      '+8613800001111',
      '021-5555 0000',
      '13800001111',
      '',
    ])
    expect(first![2]).toBe(`'=HYPERLINK("http://evil","click")`)
    expect(second![2]).toBe(`'+1+cmd|' /C calc'!A0`)
    expect(third![2]).toBe(`'@SUM(A1:A2)`)
    expect(fourth![2]).toBe(`'-2+3`)
    expect(fourth![3]).toBe(`'\tnot a formula`)
  })

  it('splits a 70,000-character transcript over three cells whose concatenation is the original', async () => {
    const { records } = await csvOf(ROWS)
    const cells = records[2]!.slice(3)
    expect(cells).toHaveLength(3)
    expect(cells.every((cell) => cell.length <= EXCEL_CELL_LIMIT && cell.length > 0)).toBe(true)
    expect(cells.join('')).toBe(LONG)
    // A short transcript fills the first cell and leaves the others empty.
    expect(records[1]!.slice(3)).toEqual(['short', '', ''])
  })
})

describe('the XLSX writer', () => {
  it('writes phone numbers as text cells in the text format, without an apostrophe', async () => {
    const { count, sheet } = await xlsxOf(ROWS)
    expect(count).toBe(4)
    expect(sheet.rowCount).toBe(5)
    for (const [row, phone] of [
      [2, '+8613800001111'],
      [3, '021-5555 0000'],
      [4, '13800001111'],
    ] as const) {
      const cell = sheet.getRow(row).getCell(2)
      expect(cell.value).toBe(phone)
      expect(cell.type).toBe(ExcelJS.ValueType.String)
      expect(cell.numFmt).toBe('@')
    }
    expect(sheet.getRow(2).getCell(1).value).toBe(1)
  })

  it('keeps formula-looking text as plain text: an XLSX string cell is never a formula', async () => {
    const { sheet } = await xlsxOf(ROWS)
    const cell = sheet.getRow(2).getCell(3)
    expect(cell.value).toBe('=HYPERLINK("http://evil","click")')
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(sheet.getRow(5).getCell(3).value).toBe('-2+3')
  })

  it('splits a 70,000-character transcript over three cells and names the columns in the language asked', async () => {
    const { sheet } = await xlsxOf(ROWS, 'en')
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Call ID',
      'Customer phone',
      'Review note',
      'Transcript',
      'Transcript (2)',
      'Transcript (3)',
    ])
    const cells = [4, 5, 6].map((c) => String(sheet.getRow(3).getCell(c).value ?? ''))
    expect(cells.every((cell) => cell.length > 0 && cell.length <= EXCEL_CELL_LIMIT)).toBe(true)
    expect(cells.join('')).toBe(LONG)
  })
})

describe('the JSON writer', () => {
  it('writes the rows as JSON.stringify would, and an empty export as []', async () => {
    const { out, bytes } = collector()
    expect(await writeJson(ROWS, out)).toBe(4)
    expect(bytes().toString('utf8')).toBe(`${JSON.stringify(ROWS, null, 2)}\n`)
    const empty = collector()
    expect(await writeJson([], empty.out)).toBe(0)
    expect(JSON.parse(empty.bytes().toString('utf8'))).toEqual([])
  })
})

describe('splitting text for cells', () => {
  it('never cuts an emoji in two', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(5)}`
    const parts = splitForCells(text, 10)
    expect(parts).toEqual(['a'.repeat(9), `😀${'b'.repeat(5)}`])
    expect(parts.join('')).toBe(text)
  })

  it('refuses to write a row whose text needs more cells than the header has, rather than cut it', () => {
    const layout = new TableLayout(COLUMNS, () => 10)
    expect(() => layout.cells({ ...ROWS[0]!, transcript: LONG })).toThrow(/needs 3 cells/)
  })
})

describe('streaming', () => {
  const ROW_COUNT = 20_000
  /** Rows made on demand, counting how many the writer has taken. */
  function* generated(taken: { count: number }): Generator<Row> {
    for (let id = 1; id <= ROW_COUNT; id++) {
      taken.count = id
      yield {
        id,
        phone: `138${String(id).padStart(8, '0')}`,
        note: '审听备注'.repeat(10),
        transcript: '您好'.repeat(50),
      }
    }
  }

  /** A slow destination (one chunk per turn of the event loop) that records how far the reader ran ahead. */
  function slowDestination(taken: { count: number }, rowsIn: (text: string) => number) {
    const seen = { rows: 0, maxAhead: 0 }
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, done) {
        seen.rows += rowsIn(chunk.toString('utf8'))
        seen.maxAhead = Math.max(seen.maxAhead, taken.count - seen.rows)
        setImmediate(done)
      },
    })
    return { out, seen }
  }

  it('writes a 20,000-row CSV holding only a bounded number of rows not yet taken by the destination', async () => {
    const taken = { count: 0 }
    const { out, seen } = slowDestination(taken, (text) => text.split('\r\n').length - 1)
    const layout = new TableLayout(COLUMNS, () => 100)
    expect(await writeCsv(layout, 'en', generated(taken), out)).toBe(ROW_COUNT)
    expect(seen.rows).toBe(ROW_COUNT + 1)
    // 16 KB of buffer holds about 60 of these rows: the reader never runs further ahead than that.
    expect(seen.maxAhead).toBeLessThanOrEqual(100)
  })

  it('writes a 20,000-row JSON array the same way', async () => {
    const taken = { count: 0 }
    const { out, seen } = slowDestination(taken, (text) => text.split('"id":').length - 1)
    expect(await writeJson(generated(taken), out)).toBe(ROW_COUNT)
    expect(seen.rows).toBe(ROW_COUNT)
    expect(seen.maxAhead).toBeLessThanOrEqual(100)
  })

  it('sends XLSX bytes to the destination while rows are still being read', async () => {
    const taken = { count: 0 }
    const out = new PassThrough()
    let takenAtFirstBytes: number | null = null
    const received: Buffer[] = []
    out.on('data', (chunk: Buffer) => {
      takenAtFirstBytes ??= taken.count
      received.push(chunk)
    })
    expect(await writeXlsx('calls', new TableLayout(COLUMNS, () => 100), 'en', generated(taken), out)).toBe(ROW_COUNT)
    expect(takenAtFirstBytes).not.toBeNull()
    expect(takenAtFirstBytes!).toBeLessThan(ROW_COUNT / 2)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.concat(received) as unknown as ArrayBuffer)
    expect(workbook.getWorksheet('calls')!.rowCount).toBe(ROW_COUNT + 1)
  }, 60_000)
})
