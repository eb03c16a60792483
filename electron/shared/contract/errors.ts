// Errors cross every boundary as data; the renderer translates them by code. Their schemas;
// the plain values and types are in result.ts.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { ERROR_CODES, type AppError } from './result'

export * from './result'

export const errorCodeSchema = lazySchema(() => z.enum(ERROR_CODES))

export const appErrorSchema: z.ZodType<AppError> = lazySchema(() =>
  z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
)
