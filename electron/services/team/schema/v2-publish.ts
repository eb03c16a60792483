import type { Migration } from './migration'

export const migration2: Migration = {
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
}
