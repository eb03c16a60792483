import type { Migration } from './migration'

// Claims that stay fast as a campaign fills up. Until v6, claim_batch found free calls by an
// anti-join against every assignment, walking all calls already done before the first free one
// (≈ 60 ms per claim at 180,000 done calls, growing with the campaign). Now each call carries
// `held_until`, kept by a trigger in the same transaction as every change of its normal
// assignments: NULL never held or given back, a time while claimed (free again once it passes),
// 'infinity' when done. Two partial indexes find the never-held calls in id order and the lapsed
// leases oldest first. A concurrent claim that committed first is seen when FOR UPDATE rechecks
// the locked row's held_until; the unique open-normal index still refuses a double claim.
export const migration7: Migration = {
  version: 7,
  name: 'claims stay fast on a large campaign: call.held_until kept by a trigger, claim_batch by index',
  sql: `
    ALTER TABLE team.call ADD COLUMN held_until timestamptz;

    CREATE FUNCTION team.call_holding(p_call bigint) RETURNS timestamptz
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $fn$
      SELECT CASE WHEN bool_or(state = 'done') THEN 'infinity'::timestamptz
                  ELSE max(lease_until) FILTER (WHERE state = 'open') END
        FROM team.assignment WHERE call_id = p_call AND kind = 'normal';
    $fn$;

    UPDATE team.call c SET held_until = team.call_holding(c.call_id)
     WHERE EXISTS (SELECT 1 FROM team.assignment a WHERE a.call_id = c.call_id AND a.kind = 'normal');

    CREATE FUNCTION team.keep_call_holding() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    BEGIN
      UPDATE team.call SET held_until = team.call_holding(NEW.call_id) WHERE call_id = NEW.call_id;
      RETURN NULL;
    END
    $fn$;
    REVOKE ALL ON FUNCTION team.keep_call_holding(), team.call_holding(bigint) FROM PUBLIC;
    CREATE TRIGGER assignment_holds_call AFTER INSERT OR UPDATE OF state, lease_until ON team.assignment
      FOR EACH ROW WHEN (NEW.kind = 'normal') EXECUTE FUNCTION team.keep_call_holding();

    CREATE INDEX call_never_held ON team.call (call_id) WHERE held_until IS NULL;
    CREATE INDEX call_lease_lapses ON team.call (held_until) WHERE held_until IS NOT NULL;

    -- As v3's, but the candidates come from the indexes: lapsed leases first (oldest lapse
    -- first: stale work is picked up before fresh), then never-held calls in id order.
    CREATE OR REPLACE FUNCTION team.claim_batch(p_campaign bigint, p_count integer) RETURNS bigint[]
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
        SELECT array_agg(lapsed.call_id) INTO v_batch FROM (
          SELECT c.call_id FROM team.call c JOIN team.task t ON t.call_job_id = c.call_job_id
           WHERE c.held_until <= now()
             AND (p_campaign IS NULL OR t.campaign_id = p_campaign)
           ORDER BY c.held_until, c.call_id
           LIMIT v_room
           FOR UPDATE OF c SKIP LOCKED) lapsed;
        IF coalesce(cardinality(v_batch), 0) < v_room THEN
          v_batch := coalesce(v_batch, '{}') || ARRAY(
            SELECT c.call_id FROM team.call c JOIN team.task t ON t.call_job_id = c.call_job_id
             WHERE c.held_until IS NULL
               AND (p_campaign IS NULL OR t.campaign_id = p_campaign)
             ORDER BY c.call_id
             LIMIT v_room - coalesce(cardinality(v_batch), 0)
             FOR UPDATE OF c SKIP LOCKED);
        END IF;
        EXIT WHEN cardinality(v_batch) = 0;
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
  `,
}
