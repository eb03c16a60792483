// The API's paged `data`: { pageNum, pageSize, size, total, pages, list }, size = rows on this page.

export interface Page<T> {
  pageNum: number
  pageSize: number
  size: number
  total: number
  pages: number
  list: T[]
}

/** Slices first and maps only the page, so a 5000-row task costs 10 row builds, not 5000. */
export function page<T, R>(rows: readonly T[], pageNum: number, pageSize: number, toRow: (row: T) => R): Page<R> {
  const start = (pageNum - 1) * pageSize
  const list = rows.slice(start, start + pageSize).map(toRow)
  return { pageNum, pageSize, size: list.length, total: rows.length, pages: Math.ceil(rows.length / pageSize), list }
}
