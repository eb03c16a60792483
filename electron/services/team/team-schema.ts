// The team schema in PostgreSQL as numbered migrations, and the group roles it grants to.
// Append a migration to change the schema; never edit one that has shipped.

/** Group roles (NOLOGIN); each member's login role is a member of exactly one. */
export const GROUP_ROLES = ['reviewer', 'lead', 'sync_host'] as const
export type TeamRole = (typeof GROUP_ROLES)[number]

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'members, campaigns and the catalogue (task, call) with grants and RLS',
    sql: `
      REVOKE ALL ON SCHEMA team FROM PUBLIC;
      GRANT USAGE ON SCHEMA team TO reviewer, lead, sync_host;

      CREATE TABLE team.member (
        name        text PRIMARY KEY,
        kind        text NOT NULL CHECK (kind IN ('reviewer', 'lead', 'sync_host')),
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE team.campaign (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name        text NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now()
      );

      -- The catalogue: written only by the sync host, from its local cache.
      CREATE TABLE team.task (
        call_job_id   bigint PRIMARY KEY,
        campaign_id   bigint REFERENCES team.campaign (id),
        name          text NOT NULL,
        detail        jsonb NOT NULL DEFAULT '{}',
        published_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX task_campaign ON team.task (campaign_id);

      CREATE TABLE team.call (
        call_id        bigint PRIMARY KEY,
        call_job_id    bigint NOT NULL REFERENCES team.task (call_job_id),
        start_time     timestamptz,
        duration_sec   integer,
        finish_status  integer,
        recording_url  text,
        detail         jsonb NOT NULL DEFAULT '{}',
        published_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX call_task ON team.call (call_job_id);

      -- Reads: every team role may select; RLS decides which rows. Writes: only the sync
      -- host, only the catalogue; reviewers and leads will write through functions.
      GRANT SELECT ON team.member, team.campaign, team.task, team.call TO reviewer, lead, sync_host;
      GRANT INSERT, UPDATE ON team.task, team.call TO sync_host;

      ALTER TABLE team.member ENABLE ROW LEVEL SECURITY;
      ALTER TABLE team.campaign ENABLE ROW LEVEL SECURITY;
      ALTER TABLE team.task ENABLE ROW LEVEL SECURITY;
      ALTER TABLE team.call ENABLE ROW LEVEL SECURITY;

      -- A member sees their own row; a lead sees the team.
      CREATE POLICY member_read ON team.member FOR SELECT
        USING (name = current_user OR pg_has_role(current_user, 'lead', 'MEMBER'));
      CREATE POLICY campaign_read ON team.campaign FOR SELECT USING (true);
      -- Until assignments exist a reviewer holds no call, so sees no catalogue row.
      CREATE POLICY task_read ON team.task FOR SELECT
        USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER'));
      CREATE POLICY call_read ON team.call FOR SELECT
        USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER'));
      CREATE POLICY task_publish ON team.task FOR ALL TO sync_host USING (true) WITH CHECK (true);
      CREATE POLICY call_publish ON team.call FOR ALL TO sync_host USING (true) WITH CHECK (true);
    `,
  },
  {
    version: 2,
    name: 'the catalogue published by the sync host: call_result, transcript_line, task stats, source versions',
    sql: `
      -- What the sync host last published of each row: a task's hash of its cached row, a call's
      -- list fingerprint and detail time. Unchanged rows are skipped, so a second publish writes nothing.
      ALTER TABLE team.task
        ADD COLUMN status          integer,
        ADD COLUMN total_count     integer,
        ADD COLUMN done_count      integer,
        ADD COLUMN called_count    integer,
        ADD COLUMN stats           jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN source_version  text;
      ALTER TABLE team.call
        ADD COLUMN customer_recording_url  text,
        ADD COLUMN source_version          text;

      CREATE TABLE team.call_result (
        call_id      bigint NOT NULL REFERENCES team.call (call_id) ON DELETE CASCADE,
        ord          integer NOT NULL,
        name         text NOT NULL,
        value        text NOT NULL,
        description  text,
        PRIMARY KEY (call_id, ord)
      );

      CREATE TABLE team.transcript_line (
        call_id     bigint NOT NULL REFERENCES team.call (call_id) ON DELETE CASCADE,
        ord         integer NOT NULL,
        line_index  integer NOT NULL,
        speaker     text NOT NULL,
        content     text NOT NULL,
        start_ms    integer NOT NULL,
        end_ms      integer NOT NULL,
        inferred    boolean NOT NULL,
        user_mean   text,
        ai_unknown  integer,
        PRIMARY KEY (call_id, ord)
      );

      GRANT SELECT ON team.call_result, team.transcript_line TO reviewer, lead, sync_host;
      GRANT INSERT, UPDATE, DELETE ON team.call_result, team.transcript_line TO sync_host;
      -- The sync host names campaigns as it publishes (--campaign).
      GRANT INSERT ON team.campaign TO sync_host;

      ALTER TABLE team.call_result ENABLE ROW LEVEL SECURITY;
      ALTER TABLE team.transcript_line ENABLE ROW LEVEL SECURITY;
      CREATE POLICY call_result_read ON team.call_result FOR SELECT
        USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER'));
      CREATE POLICY transcript_line_read ON team.transcript_line FOR SELECT
        USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER'));
      CREATE POLICY call_result_publish ON team.call_result FOR ALL TO sync_host USING (true) WITH CHECK (true);
      CREATE POLICY transcript_line_publish ON team.transcript_line FOR ALL TO sync_host USING (true) WITH CHECK (true);
      CREATE POLICY campaign_publish ON team.campaign FOR INSERT TO sync_host WITH CHECK (true);
    `,
  },
]

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version
