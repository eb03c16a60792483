// Setting up a team database: migrating the `team` schema and adding members (login roles).
// Everything from the user goes into SQL as a parameter or an escaped identifier/literal.
import { randomBytes } from 'node:crypto'
import type { Client } from 'pg'
import { passwordProblem, scramVerifier } from './scram-verifier'
import { GROUP_ROLES, LATEST_VERSION, MIGRATIONS, type TeamRole } from './team-schema'

/** A refusal worth one plain sentence to the user (not a bug). */
export class TeamAdminError extends Error {}

export interface InitResult {
  fromVersion: number
  toVersion: number
  rolesCreated: TeamRole[]
}

// Any constant; serialises concurrent `team init` runs on one database.
const INIT_LOCK = 0x7465616d

function pgCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code
}

/** Roles are cluster-wide: another database's team (or a concurrent init) may have made them. */
async function ensureGroupRoles(client: Client): Promise<TeamRole[]> {
  const created: TeamRole[] = []
  for (const role of GROUP_ROLES) {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])
    if (rowCount) continue
    await client.query('SAVEPOINT role')
    try {
      await client.query(`CREATE ROLE ${client.escapeIdentifier(role)} NOLOGIN`)
      await client.query('RELEASE SAVEPOINT role')
      created.push(role)
    } catch (error) {
      // 42710 duplicate_object, 23505 when two sessions race on pg_authid.
      if (pgCode(error) !== '42710' && pgCode(error) !== '23505') throw error
      await client.query('ROLLBACK TO SAVEPOINT role')
    }
  }
  return created
}

async function currentVersion(client: Client): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(
    "SELECT CASE WHEN to_regclass('team.schema_version') IS NULL THEN NULL ELSE 0 END AS version",
  )
  if (rows[0]!.version === null) return 0
  const max = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM team.schema_version')
  return max.rows[0]!.version ?? 0
}

/** Creates or migrates the schema in one transaction; a second run changes nothing. */
export async function initTeam(client: Client): Promise<InitResult> {
  await client.query('BEGIN')
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [INIT_LOCK])
    const rolesCreated = await ensureGroupRoles(client)
    await client.query('CREATE SCHEMA IF NOT EXISTS team')
    await client.query(`CREATE TABLE IF NOT EXISTS team.schema_version (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`)
    const fromVersion = await currentVersion(client)
    if (fromVersion > LATEST_VERSION) {
      throw new TeamAdminError(
        `the team schema is at version ${fromVersion}, newer than this CallLens knows (${LATEST_VERSION}): update CallLens`,
      )
    }
    for (const migration of MIGRATIONS.filter((m) => m.version > fromVersion)) {
      await client.query(migration.sql)
      await client.query('INSERT INTO team.schema_version (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ])
    }
    await client.query('COMMIT')
    return { fromVersion, toVersion: LATEST_VERSION, rolesCreated }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** Lower case so the name needs no quoting in psql and never folds into another; not a system name. */
const MEMBER_NAME = /^[a-z_][a-z0-9_]{0,62}$/
const RESERVED = new Set<string>([...GROUP_ROLES, 'postgres', 'public', 'team'])

export function memberNameProblem(name: string): string | undefined {
  if (!MEMBER_NAME.test(name)) {
    return `"${name}" is not a valid member name: use 1–63 lower-case letters, digits or _, not starting with a digit`
  }
  if (RESERVED.has(name) || name.startsWith('pg_')) return `"${name}" is reserved: choose another member name`
  return undefined
}

export interface NewMember {
  name: string
  role: TeamRole
  /** Given by the admin; when absent one is generated and returned once. */
  password?: string
}

export function generatePassword(): string {
  return randomBytes(24).toString('base64url')
}

/** The login role, its group membership and the member row, all or nothing. */
export async function addMember(client: Client, member: NewMember): Promise<{ password: string }> {
  const problem = memberNameProblem(member.name)
  if (problem) throw new TeamAdminError(problem)
  const password = member.password ?? generatePassword()
  const weak = passwordProblem(password)
  if (weak) throw new TeamAdminError(weak)
  await client.query('BEGIN')
  try {
    if ((await currentVersion(client)) === 0) {
      throw new TeamAdminError('this database has no team schema: run `team init` first')
    }
    const role = client.escapeIdentifier(member.name)
    try {
      // CREATE ROLE takes no bind parameters; only the verifier goes in, as an escaped literal.
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${client.escapeLiteral(scramVerifier(password))}`)
    } catch (error) {
      if (pgCode(error) === '42710') {
        throw new TeamAdminError(`a role named "${member.name}" already exists in this PostgreSQL cluster`)
      }
      throw error
    }
    await client.query(`GRANT ${client.escapeIdentifier(member.role)} TO ${role}`)
    await client.query('INSERT INTO team.member (name, kind) VALUES ($1, $2)', [member.name, member.role])
    await client.query('COMMIT')
    return { password }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}
