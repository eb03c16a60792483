// pg (and what it pulls in) loads when a team connection is first made, not with the services:
// a solo profile's start-up never needs it, and loading it is tens of ms of every start.
import { createRequire } from 'node:module'
import type Pg from 'pg'

const require = createRequire(import.meta.url)
let loaded: typeof Pg | null = null

export function pgModule(): typeof Pg {
  loaded ??= require('pg') as typeof Pg
  return loaded
}
