// The single entry for every request from the renderer, whatever the transport:
// unknown channel or invalid input → a typed error; a thrown handler → a typed error.
import { AppFailure, channels, fail, isChannelName, ok, type ChannelName, type Result } from '../shared/contract'
import type { Services } from '../services/services'
import type { Handler, RouteTable } from './route-table'

export async function dispatch(
  table: RouteTable,
  services: Services,
  channelName: unknown,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isChannelName(channelName)) {
    return fail('unknown_channel', `Unknown channel: ${String(channelName).slice(0, 80)}`)
  }
  const parsed = channels[channelName].input.safeParse(rawInput)
  if (!parsed.success) {
    return fail('invalid_input', `Invalid input for ${channelName}`, {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    })
  }
  try {
    const handler = table[channelName] as Handler<ChannelName>
    return ok(await handler(parsed.data as never, services))
  } catch (error) {
    if (error instanceof AppFailure) return fail(error.code, error.message, error.details)
    // Unexpected failures are logged in main with the stack; the renderer gets a plain message.
    console.error(`CallLens: ${channelName} failed:`, error)
    return fail('internal', `${channelName} failed: ${error instanceof Error ? error.message : 'unknown error'}`)
  }
}
