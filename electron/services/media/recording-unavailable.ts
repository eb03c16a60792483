// Which recording failures are permanent: storage answering 404 or 410, an address CallLens does
// not fetch (anything but http/https, e.g. file://), a body that is not audio. The call is then
// stored without its recording; timeouts, 5xx and 429 stay failures the next sync retries.
import { AppFailure, type RecordingUnavailableReason } from '../../shared/contract'

export class RecordingUnavailable extends Error {
  constructor(
    readonly reason: RecordingUnavailableReason,
    message: string,
  ) {
    super(message)
    this.name = 'RecordingUnavailable'
  }
}

/** The URL when CallLens may fetch it; otherwise RecordingUnavailable('refused_url'). */
export function fetchableUrl(url: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new RecordingUnavailable('refused_url', 'The recording address is not a URL.')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new RecordingUnavailable('refused_url', `Recording addresses must be http or https, not ${parsed.protocol}`)
  }
  return parsed
}

/** A 404/410 from storage becomes RecordingUnavailable; anything else is returned as it was. */
export function classifyFetchError(error: unknown, where: string): unknown {
  if (!(error instanceof AppFailure)) return error
  const status = (error.details as { httpStatus?: unknown } | undefined)?.httpStatus
  if (status === 404) return new RecordingUnavailable('not_found', `Storage has no recording at ${where} (HTTP 404).`)
  if (status === 410) return new RecordingUnavailable('gone', `Storage removed the recording at ${where} (HTTP 410).`)
  return error
}
