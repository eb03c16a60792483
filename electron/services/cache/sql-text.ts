// Turning user text into safe SQL patterns: LIKE with escaped wildcards, FTS5 quoted phrases.

/** `%text%` with `%`, `_` and `\` escaped; use with `ESCAPE '\'`. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** One FTS5 phrase matching the text literally (operators and quotes lose their meaning). */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

/** The trigram tokenizer cannot match fewer than 3 characters (code points, not UTF-16 units). */
export const TRIGRAM_MIN_CHARS = 3

export function charCount(text: string): number {
  return [...text].length
}

export { searchTerms } from '../../shared/text-search'
