// team.*: a team profile (a team PostgreSQL database, a member) and its claims. The member's
// password goes in, never out: the renderer sees only whether one is stored and where.
import { z } from 'zod'
import { lazySchema } from './lazy-schema'
import { noInput } from './app'
import { channel } from './channel'
import { errorCodeSchema } from './errors'
import { profileIdSchema, profileViewSchema } from './profiles'
import { reviewSchema } from './reviews'

/** A team member's login role name, as `team add-member` accepts it. */
export const teamMemberSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(
      /^[a-z_][a-z0-9_]{0,62}$/,
      'A member name is lower-case letters, digits and _ (as `team add-member` made it)',
    ),
)

/**
 * postgres://host:port/database — without a password: the password is kept apart, like the
 * BYRobot app secret, so the URL can be shown and stored in plain text.
 */
export const teamDbUrlSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .max(500)
    .refine((url) => URL.canParse(url) && /^postgres(ql)?:$/.test(new URL(url).protocol), {
      message: 'The database address must be a postgres:// or postgresql:// URL',
    })
    .refine((url) => !URL.canParse(url) || new URL(url).password === '', {
      message: 'Leave the password out of the database address: enter it in the password field',
    })
    .refine((url) => !URL.canParse(url) || new URL(url).hostname !== '', {
      message: 'The database address needs a host (postgres://host:port/database)',
    }),
)

export const teamLoginSchema = lazySchema(() =>
  z.object({
    dbUrl: teamDbUrlSchema,
    member: teamMemberSchema,
    /** Omitted when editing (or testing) a stored team profile whose password stays as it is. */
    password: z.string().min(1).max(500).optional(),
  }),
)

export const teamProfileInputSchema = lazySchema(() =>
  teamLoginSchema.extend({
    id: profileIdSchema.optional(),
    name: z.string().trim().min(1).max(100),
  }),
)
export type TeamProfileInput = z.infer<typeof teamProfileInputSchema>

export const teamTestInputSchema = lazySchema(() => teamLoginSchema.extend({ id: profileIdSchema.optional() }))
export type TeamTestInput = z.infer<typeof teamTestInputSchema>

export const TEAM_ROLES = ['reviewer', 'lead', 'sync_host'] as const

export const teamTestResultSchema = lazySchema(() =>
  z.object({
    ok: z.literal(true),
    member: z.string(),
    /** The member's group role on the server; null when the login is not a team member. */
    role: z.enum(TEAM_ROLES).nullable(),
    /** Calls the member holds now (open assignments). */
    heldCalls: z.number().int().min(0),
  }),
)
export type TeamTestResult = z.infer<typeof teamTestResultSchema>

export const teamStatusSchema = lazySchema(() =>
  z.object({
    /** 'none': the active profile is not a team profile. */
    state: z.enum(['online', 'offline', 'connecting', 'none']),
    profileId: profileIdSchema.nullable(),
    /** When the held calls were last copied into the local replica (ISO), null before the first pull. */
    lastPullAt: z.string().nullable(),
    /** When a pull last changed the local replica (lists read again then), null before any. */
    replicaChangedAt: z.string().nullable(),
    /** Calls the local replica holds from the last pull. */
    heldCalls: z.number().int().min(0),
    /** Local review edits not yet acknowledged by the server (the review outbox). */
    pendingOps: z.number().int().min(0),
    /** Review edits the server refused for their content: kept on this device, not sent again. */
    parkedOps: z.number().int().min(0),
    /** Why it is offline, or why the last pull or claim failed. */
    error: errorCodeSchema.nullable(),
  }),
)
export type TeamStatus = z.infer<typeof teamStatusSchema>

const callIdsSchema = lazySchema(() => z.array(z.number().int().positive()).max(1000))
const callInstanceIdInput = lazySchema(() => z.strictObject({ callInstanceId: z.number().int().positive() }))

/** "Edited on another device — restore?": this device's note, replaced by another device's later edit. */
export const noteConflictSchema = lazySchema(() =>
  z.object({
    callInstanceId: z.number().int().positive(),
    /** This device's text that lost. */
    localText: z.string(),
    /** When the other device's text replaced it here (ISO). */
    at: z.string(),
  }),
)
export type NoteConflict = z.infer<typeof noteConflictSchema>

export const teamChannels = {
  /** Adds or edits a team profile; an omitted password keeps the stored one. */
  'team.saveProfile': channel(
    () => teamProfileInputSchema,
    () => profileViewSchema,
  ),
  /** Logs in as the member: the role and the calls held. Nothing is stored. */
  'team.test': channel(
    () => teamTestInputSchema,
    () => teamTestResultSchema,
  ),
  'team.status': channel(
    () => noInput,
    () => teamStatusSchema,
  ),
  /** Copies the held calls into the local replica now (it also happens by itself). */
  'team.pull': channel(
    () => noInput,
    () => teamStatusSchema,
  ),
  /** Claims up to `count` calls nobody holds, then pulls them. */
  'team.claim': channel(
    () =>
      z.strictObject({
        count: z.coerce.number().int().min(1).max(1000),
        campaign: z.number().int().positive().optional(),
      }),
    () => z.object({ claimed: callIdsSchema, status: teamStatusSchema }),
  ),
  /** The open call's note that another device's edit replaced here, if any (null in solo mode too). */
  'team.noteConflict': channel(
    () => callInstanceIdInput,
    () => noteConflictSchema.nullable(),
  ),
  /** Puts this device's losing note back, as a new edit sent to the team; null when none was offered. */
  'team.restoreNote': channel(
    () => callInstanceIdInput,
    () => reviewSchema.nullable(),
  ),
  /** Keeps the other device's note: the offer goes away. */
  'team.dismissNoteConflict': channel(
    () => callInstanceIdInput,
    () => z.object({ dismissed: z.boolean() }),
  ),
  /** Gives calls back; they leave the local lists (their local reviews stay). */
  'team.release': channel(
    () => z.strictObject({ callIds: callIdsSchema.min(1) }),
    () => z.object({ released: callIdsSchema, status: teamStatusSchema }),
  ),
}
