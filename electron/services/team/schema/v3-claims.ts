import type { Migration } from './migration'

export const migration3: Migration = {
  version: 3,
  name: 'assignments and claims: claim_batch, release, a claim policy; reviewers see the calls they hold',
  sql: `
    -- How long a claim lasts and how many open claims a reviewer may hold (one row).
    CREATE TABLE team.claim_policy (
      only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      max_open  integer NOT NULL DEFAULT 200 CHECK (max_open > 0),
      lease     interval NOT NULL DEFAULT '72 hours' CHECK (lease > interval '0')
    );
    INSERT INTO team.claim_policy DEFAULT VALUES;

    -- Who works on which call. A normal assignment is a claim; calibration and spot checks
    -- are given by a lead. Closed rows stay as history.
    CREATE TABLE team.assignment (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      call_id      bigint NOT NULL REFERENCES team.call (call_id),
      kind         text NOT NULL CHECK (kind IN ('normal', 'calibration', 'spot_check')),
      assignee     text NOT NULL REFERENCES team.member (name),
      state        text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'released', 'expired')),
      lease_until  timestamptz,
      claimed_at   timestamptz NOT NULL DEFAULT now(),
      closed_at    timestamptz
    );
    -- Nobody grades a call someone else holds: one open normal assignment per call.
    CREATE UNIQUE INDEX assignment_one_open_normal ON team.assignment (call_id)
      WHERE kind = 'normal' AND state = 'open';
    CREATE INDEX assignment_call ON team.assignment (call_id);
    CREATE INDEX assignment_open_by_assignee ON team.assignment (assignee) WHERE state = 'open';

    GRANT SELECT ON team.claim_policy TO reviewer, lead, sync_host;
    GRANT SELECT ON team.assignment TO reviewer, lead;
    ALTER TABLE team.claim_policy ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.assignment ENABLE ROW LEVEL SECURITY;
    CREATE POLICY claim_policy_read ON team.claim_policy FOR SELECT USING (true);
    CREATE POLICY assignment_read ON team.assignment FOR SELECT
      USING (assignee = current_user OR pg_has_role(current_user, 'lead', 'MEMBER'));

    -- A reviewer sees the catalogue rows of the calls they hold (and those calls' tasks).
    DROP POLICY call_read ON team.call;
    CREATE POLICY call_read ON team.call FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = call.call_id AND a.assignee = current_user AND a.state = 'open'));
    DROP POLICY task_read ON team.task;
    CREATE POLICY task_read ON team.task FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a JOIN team.call c ON c.call_id = a.call_id
                    WHERE c.call_job_id = task.call_job_id AND a.assignee = current_user AND a.state = 'open'));

    -- Claims the next calls nobody holds (never graded, or whose lease ran out), up to the
    -- caller's room under the cap. Inside a SECURITY DEFINER function current_user is the
    -- owner, so the caller is session_user (the member's login role).
    CREATE FUNCTION team.claim_batch(p_campaign bigint, p_count integer) RETURNS bigint[]
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_policy   team.claim_policy;
      v_room     integer;
      v_claimed  bigint[] := '{}';
      v_batch    bigint[];
      v_taken    bigint[];
    BEGIN
      IF p_count IS NULL OR p_count < 1 OR p_count > 1000 THEN
        RAISE EXCEPTION 'claim_batch: count must be between 1 and 1000, got %', p_count USING ERRCODE = '22023';
      END IF;
      -- One claim at a time per member, so the cap holds across their devices.
      PERFORM 1 FROM team.member WHERE name = session_user AND kind = 'reviewer' FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'claim_batch: % is not a reviewer of this team', session_user USING ERRCODE = '42501';
      END IF;
      IF p_campaign IS NOT NULL AND NOT EXISTS (SELECT 1 FROM team.campaign WHERE id = p_campaign) THEN
        RAISE EXCEPTION 'claim_batch: there is no campaign %', p_campaign USING ERRCODE = 'P0002';
      END IF;
      SELECT * INTO STRICT v_policy FROM team.claim_policy;
      -- Expired leases do not count: they are up for grabs.
      SELECT least(p_count, v_policy.max_open - count(*)) INTO v_room FROM team.assignment
       WHERE assignee = session_user AND kind = 'normal' AND state = 'open' AND lease_until > now();
      -- Each pass sees what others committed since the last (a new snapshot per statement);
      -- a call another claim took between our snapshot and our lock is skipped by ON CONFLICT.
      FOR pass IN 1..10 LOOP
        EXIT WHEN v_room <= 0;
        SELECT array_agg(free.call_id) INTO v_batch FROM (
          SELECT c.call_id FROM team.call c JOIN team.task t ON t.call_job_id = c.call_job_id
           WHERE (p_campaign IS NULL OR t.campaign_id = p_campaign)
             AND NOT EXISTS (SELECT 1 FROM team.assignment a
                              WHERE a.call_id = c.call_id AND a.kind = 'normal'
                                AND (a.state = 'done' OR (a.state = 'open' AND a.lease_until > now())))
           ORDER BY c.call_id
           LIMIT v_room
           FOR UPDATE OF c SKIP LOCKED) free;
        EXIT WHEN v_batch IS NULL;
        UPDATE team.assignment SET state = 'expired', closed_at = now()
         WHERE call_id = ANY (v_batch) AND kind = 'normal' AND state = 'open' AND lease_until <= now();
        WITH taken AS (
          INSERT INTO team.assignment (call_id, kind, assignee, lease_until)
          SELECT id, 'normal', session_user, now() + v_policy.lease FROM unnest(v_batch) AS id
          ON CONFLICT (call_id) WHERE kind = 'normal' AND state = 'open' DO NOTHING
          RETURNING call_id)
        SELECT array_agg(call_id) INTO v_taken FROM taken;
        v_claimed := v_claimed || coalesce(v_taken, '{}');
        v_room := v_room - coalesce(cardinality(v_taken), 0);
      END LOOP;
      RETURN ARRAY(SELECT id FROM unnest(v_claimed) AS id ORDER BY id);
    END
    $fn$;

    -- Gives back calls the caller holds; returns those released (others are not theirs).
    CREATE FUNCTION team.release(p_call_ids bigint[]) RETURNS bigint[]
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      WITH released AS (
        UPDATE team.assignment SET state = 'released', closed_at = now()
         WHERE assignee = session_user AND kind = 'normal' AND state = 'open' AND call_id = ANY (p_call_ids)
        RETURNING call_id)
      SELECT ARRAY(SELECT call_id FROM released ORDER BY call_id);
    $fn$;

    REVOKE ALL ON FUNCTION team.claim_batch(bigint, integer), team.release(bigint[]) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION team.claim_batch(bigint, integer), team.release(bigint[]) TO reviewer;

    -- The published catalogue's other rows follow their call: a reviewer reads the results and
    -- transcript of the calls they hold.
    DROP POLICY call_result_read ON team.call_result;
    CREATE POLICY call_result_read ON team.call_result FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = call_result.call_id AND a.assignee = current_user AND a.state = 'open'));
    DROP POLICY transcript_line_read ON team.transcript_line;
    CREATE POLICY transcript_line_read ON team.transcript_line FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = transcript_line.call_id AND a.assignee = current_user AND a.state = 'open'));
  `,
}
