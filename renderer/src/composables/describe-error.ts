// Any failure as the reviewer reads it: one sentence wholly in the UI's language, and the
// technical detail (code, main's message, a stack) apart, for the "details" toggle.
import { ApiError } from '../api/client'
import { TransportError } from '../api/transport'

export interface DescribedError {
  /** 'api': main reported it; 'transport': main could not be reached; 'bug': the renderer's own fault. */
  kind: 'api' | 'transport' | 'bug'
  text: string
  detail: string | null
}

type Translate = (key: string) => string

export function describeError(error: unknown, t: Translate): DescribedError {
  if (error instanceof ApiError) {
    const extra = error.details === undefined ? '' : `\n${JSON.stringify(error.details, null, 2)}`
    return { kind: 'api', text: t(`errors.${error.code}`), detail: `${error.code}: ${error.message}${extra}` }
  }
  if (error instanceof TransportError) {
    const cause = error.cause instanceof Error ? `\n${error.cause.name}: ${error.cause.message}` : ''
    return { kind: 'transport', text: t('errors.offline'), detail: `${error.message}${cause}` }
  }
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error)
  return { kind: 'bug', text: t('errors.renderer_bug'), detail }
}
