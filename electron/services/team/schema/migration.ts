// One numbered step of the team schema (see ../team-schema.ts for the list).
export interface Migration {
  version: number
  name: string
  sql: string
}
