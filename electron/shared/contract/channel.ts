// The shape of one request/response channel: a name, an input schema that
// main validates before any handler runs, and the output's schema (its type).
import type { z } from 'zod'
import { lazySchema } from './lazy-schema'

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I
  output: O
}

/** Both schemas are built when first used (lazy-schema.ts): a process validates few of the channels. */
export function channel<I extends z.ZodType, O extends z.ZodType>(input: () => I, output: () => O): ChannelDef<I, O> {
  return { input: lazySchema(input), output: lazySchema(output) }
}
