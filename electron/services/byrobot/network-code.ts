// Why a request never reached the server, as a code and nothing else: the raw error may carry
// the URL (and a signed URL its access token), so only the code crosses into errors and messages.

/** ECONNREFUSED, ENOTFOUND, … from undici's `cause` chain; only the code, never the raw error. */
export function networkCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}
