// The three file formats as streams: rows come from an iterator and go to a Writable as they come,
// waiting whenever the destination is full, so an export holds a few rows at a time, never a file.
import type { Writable } from 'node:stream'
import type { Language } from '../../shared/contract'
import { csvField, csvText, type TableLayout } from './export-table'

/**
 * Resolves when `source` (the destination, or a stream feeding it) emits drain; rejects when the
 * destination fails or goes away first.
 */
function drained(out: Writable, source: Pick<Writable, 'once' | 'off'> = out): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      source.off('drain', onDrain)
      out.off('error', onError)
      out.off('close', onClose)
      if (error) reject(error)
      else resolve()
    }
    const onDrain = (): void => settle()
    const onError = (error: Error): void => settle(error)
    // An HTTP client that leaves closes the response without an error: drain would never come.
    const onClose = (): void => settle(new Error('The destination closed before the export was written'))
    source.once('drain', onDrain)
    out.once('error', onError)
    out.once('close', onClose)
  })
}

async function put(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('The destination closed before the export was written')
  if (!out.write(chunk)) await drained(out)
}

function ended(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject)
    out.end(() => resolve())
  })
}

/** CSV in UTF-8 with a BOM (so spreadsheet apps read the Chinese text as UTF-8), CRLF lines. */
export async function writeCsv<T>(
  layout: TableLayout<T>,
  language: Language,
  rows: Iterable<T>,
  out: Writable,
): Promise<number> {
  await put(out, `\uFEFF${layout.header(language).map(csvField).join(',')}\r\n`)
  let count = 0
  for (const row of rows) {
    await put(
      out,
      `${layout
        .cells(row)
        .map((value) => csvField(csvText(value)))
        .join(',')}\r\n`,
    )
    count += 1
  }
  await ended(out)
  return count
}

/** A JSON array with the stable English keys, one row at a time, laid out as JSON.stringify(rows, null, 2). */
export async function writeJson<T>(rows: Iterable<T>, out: Writable): Promise<number> {
  let count = 0
  for (const row of rows) {
    const text = JSON.stringify(row, null, 2).replace(/\n/g, '\n  ')
    await put(out, `${count === 0 ? '[\n' : ',\n'}  ${text}`)
    count += 1
  }
  await put(out, count === 0 ? '[]\n' : '\n]\n')
  await ended(out)
  return count
}

/** How much the zip may have waiting before the writer lets it catch up. */
const ZIP_BACKLOG_BYTES = 1024 * 1024

interface Backlogged extends Pick<Writable, 'once' | 'off'> {
  _writableState?: { length: number }
}

/**
 * exceljs's worksheet stream hands each 64 KB of XML to the zip through a stream whose write()
 * result it ignores, so nothing upstream slows down when the zip (compressing, or held up by a
 * slow destination) falls behind: the rows would pile up there. That stream is reachable only as
 * an internal (`stream.pipes[0]`, a readable-stream PassThrough in exceljs 4); the writer waits for
 * it when its backlog passes ZIP_BACKLOG_BYTES, and otherwise lets the event loop turn every few rows.
 */
function zipBacklog(sheet: unknown): Backlogged | null {
  const pipe = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as Backlogged | undefined
  return pipe && typeof pipe._writableState?.length === 'number' ? pipe : null
}

async function letZipCatchUp(sheet: unknown, out: Writable, count: number): Promise<void> {
  if (out.destroyed) throw new Error('The destination closed before the export was written')
  const backlog = zipBacklog(sheet)
  if (backlog && backlog._writableState!.length > ZIP_BACKLOG_BYTES) {
    await drained(out, backlog)
  } else if (count % 100 === 0) {
    await new Promise((resolve) => setImmediate(resolve))
  }
  if (out.writableNeedDrain) await drained(out)
  if (out.destroyed) throw new Error('The destination closed before the export was written')
}

/**
 * XLSX through exceljs's streaming writer: each row is committed (turned into XML and zipped) as
 * it is added. No shared strings (that table would hold every text until the end), so strings are
 * inline cells — never formulas, so nothing needs neutralising. Phone numbers are text cells with
 * the text format '@', so Excel keeps a leading zero or + and does not turn them into numbers.
 */
export async function writeXlsx<T>(
  sheetName: string,
  layout: TableLayout<T>,
  language: Language,
  rows: Iterable<T>,
  out: Writable,
): Promise<number> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(sheetName)
  const header = layout.header(language)
  sheet.columns = header.map(() => ({ width: 18 }))
  const head = sheet.addRow(header)
  head.font = { bold: true }
  head.commit()
  const phoneCells = layout.phoneCells()
  let count = 0
  for (const row of rows) {
    const added = sheet.addRow(layout.cells(row))
    for (const index of phoneCells) added.getCell(index + 1).numFmt = '@'
    added.commit()
    count += 1
    await letZipCatchUp(sheet, out, count)
  }
  sheet.commit()
  await workbook.commit()
  return count
}
