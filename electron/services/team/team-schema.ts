// The team schema in PostgreSQL as numbered migrations, and the group roles it grants to.
// Append a migration (one file in schema/) to change the schema; never edit one that has shipped.
import type { Migration } from './schema/migration'
import { migration1 } from './schema/v1-members-catalogue'
import { migration2 } from './schema/v2-publish'
import { migration3 } from './schema/v3-claims'
import { migration4 } from './schema/v4-reviews'
import { migration5 } from './schema/v5-apply-ops'
import { migration6 } from './schema/v6-calibration'
import { migration7 } from './schema/v7-claimable-index'
import { migration8 } from './schema/v8-finished-calls-stay'

/** Group roles (NOLOGIN); each member's login role is a member of exactly one. */
export const GROUP_ROLES = ['reviewer', 'lead', 'sync_host'] as const
export type TeamRole = (typeof GROUP_ROLES)[number]

export type { Migration }

export const MIGRATIONS: Migration[] = [
  migration1,
  migration2,
  migration3,
  migration4,
  migration5,
  migration6,
  migration7,
  migration8,
]

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version
