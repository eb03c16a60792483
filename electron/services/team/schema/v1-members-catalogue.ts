import type { Migration } from './migration'

export const migration1: Migration = {
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
}
