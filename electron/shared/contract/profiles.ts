// profiles.*: BYRobot connection profiles. The app secret goes in, never out:
// the renderer sees only whether one is configured and a masked app key.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { noInput } from './app'
import { channel } from './channel'
import { errorCodeSchema } from './errors'

export const SECRET_STORAGE = ['safe-storage', 'safe-storage-weak', 'key-file', 'environment'] as const

export const profileIdSchema = lazySchema(() => z.string().regex(/^[a-z0-9-]{1,40}$/))

/** How the profile's latest sync ended, kept across restarts (the header shows it). */
export const lastSyncSchema = lazySchema(() =>
  z.object({
    finishedAt: z.string(),
    phase: z.enum(['done', 'cancelled', 'failed']),
    /** Calls or tasks that failed in a run that went on to the end. */
    errors: z.number().int().min(0),
    /** Why the whole run failed, when it did. */
    failureCode: errorCodeSchema.nullable(),
  }),
)
export type LastSync = z.infer<typeof lastSyncSchema>

export const profileViewSchema = lazySchema(() =>
  z.object({
    id: profileIdSchema,
    name: z.string(),
    baseUrl: z.string(),
    appKeyMasked: z.string(),
    companyId: z.number(),
    demo: z.boolean(),
    secretConfigured: z.boolean(),
    /** Where the secret lives; 'safe-storage-weak' is Linux without a keyring (a fixed key): the UI warns. */
    secretStorage: z.enum(SECRET_STORAGE).nullable(),
    lastSync: lastSyncSchema.nullable(),
    /** A team profile's database and member (its password stays in main); null for a BYRobot profile. */
    team: z.object({ dbUrl: z.string(), member: z.string() }).nullable(),
  }),
)
export type ProfileView = z.infer<typeof profileViewSchema>

const httpUrl = lazySchema(() =>
  z
    .string()
    .trim()
    .max(500)
    .url()
    .refine((url) => /^https?:\/\//i.test(url), 'Only http(s) base URLs'),
)

export const connectionSchema = lazySchema(() =>
  z.object({
    baseUrl: httpUrl,
    /** Omitted when editing (or testing) a stored profile whose app key stays as it is. */
    appKey: z.string().trim().min(1).max(200).optional(),
    companyId: z.coerce.number().int().positive(),
    /** Omitted when editing a profile whose secret is already stored. */
    appSecret: z.string().min(1).max(500).optional(),
  }),
)

export const profileInputSchema = lazySchema(() =>
  connectionSchema.extend({
    id: profileIdSchema.optional(),
    name: z.string().trim().min(1).max(100),
  }),
)
export type ProfileInput = z.infer<typeof profileInputSchema>

export const connectionTestSchema = lazySchema(() => connectionSchema.extend({ id: profileIdSchema.optional() }))
export type ConnectionTestInput = z.infer<typeof connectionTestSchema>

export const profilesStateSchema = lazySchema(() =>
  z.object({
    profiles: z.array(profileViewSchema),
    activeId: profileIdSchema.nullable(),
  }),
)
export type ProfilesState = z.infer<typeof profilesStateSchema>

/** What a profile holds on disk, read without opening it as the workspace (the Connections page). */
export const profileUsageSchema = lazySchema(() =>
  z.object({
    id: profileIdSchema,
    /** The latest task sync that completed, or null when none has. */
    lastSyncedAt: z.string().nullable(),
    /** A team profile's latest pull of the team's reviews (ISO), or null: solo, or never pulled. */
    lastPulledAt: z.string().nullable(),
    cachedCalls: z.number(),
    reviews: z.number(),
    /** Every file under the profile's directory: cache, reviews, recordings, peaks. */
    diskBytes: z.number(),
  }),
)
export type ProfileUsage = z.infer<typeof profileUsageSchema>

export const connectionStatusSchema = lazySchema(() =>
  z.object({
    /** 'none': no profile yet; 'offline': the API did not answer (the cache still serves everything). */
    state: z.enum(['online', 'offline', 'none']),
    checkedAt: z.string(),
    /** Why it is offline (an api_* error code), else null. */
    code: z.string().nullable(),
  }),
)
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>

export const profilesChannels = {
  'profiles.list': channel(
    () => noInput,
    () => profilesStateSchema,
  ),
  'profiles.save': channel(
    () => profileInputSchema,
    () => profileViewSchema,
  ),
  'profiles.test': channel(
    () => connectionTestSchema,
    () => z.object({ ok: z.literal(true), taskCount: z.number().nullable() }),
  ),
  'profiles.activate': channel(
    () => z.strictObject({ id: profileIdSchema }),
    () => profilesStateSchema,
  ),
  /** Deletes the profile's secret and its whole directory (cache, recordings, reviews). */
  'profiles.remove': channel(
    () => z.strictObject({ id: profileIdSchema }),
    () => profilesStateSchema,
  ),
  /** Per profile: last sync, cached calls, reviews and disk use; slower than list, asked for by Connections only. */
  'profiles.usage': channel(
    () => noInput,
    () => z.array(profileUsageSchema),
  ),
  /** A quick reachability check of the active profile's API (one short request, no retries). */
  'profiles.connection': channel(
    () => noInput,
    () => connectionStatusSchema,
  ),
}
