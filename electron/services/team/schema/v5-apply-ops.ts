import type { Migration } from './migration'
import { CHANGE_FEED_SQL } from './v5-change-feed'
import { MERGE_SQL } from './v5-merge'
import { OP_CHECKS_SQL } from './v5-op-checks'

// Migration 5: reviews flow both ways. apply_ops takes a device's outbox ops (sync/contract.ts),
// checks them (v5-op-checks.ts) and applies TEAM.md's conflict rules (v5-merge.ts); the change
// feed (v5-change-feed.ts) carries the result back to the member's other devices.
const APPLY_SQL = `
    -- One op of a checked batch, as p_author: returns its ack.
    CREATE FUNCTION team.apply_op(p_author text, p_lead boolean, p_device text, p_op jsonb) RETURNS jsonb
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_call     bigint := (p_op ->> 'callId')::bigint;
      v_review   team.review;
      v_off      boolean;
      v_status   text;
    BEGIN
      -- Recorded first: a concurrent push of the same op waits here, then sees a duplicate.
      INSERT INTO team.applied_op (op_id, device_id) VALUES ((p_op ->> 'opId')::uuid, p_device) ON CONFLICT DO NOTHING;
      IF NOT FOUND THEN
        RETURN jsonb_build_object('opId', p_op ->> 'opId', 'status', 'duplicate', 'offLease', false);
      END IF;
      -- Held: an open or finished claim (or spot check). An expired lease someone reclaimed, or a
      -- released call, is not: the review is kept and flagged for the lead. A lead needs no claim.
      v_off := NOT p_lead AND NOT EXISTS (
        SELECT 1 FROM team.assignment a
         WHERE a.call_id = v_call AND a.assignee = p_author
           AND a.kind IN ('normal', 'spot_check') AND a.state IN ('open', 'done'));
      SELECT * INTO v_review FROM team.review
       WHERE call_id = v_call AND author = p_author AND session_id IS NULL FOR UPDATE;
      IF NOT FOUND AND p_op ->> 'entity' = 'review' THEN
        -- Created by apply_review_fields with its first fields (id NULL marks it new).
        v_review.call_id := v_call;
        v_review.author := p_author;
        v_review.note := '';
        v_review.tags := '[]';
        v_review.clocks := '{}';
        v_review.off_lease := false;
      ELSIF NOT FOUND THEN
        -- A comment or tag check needs its review's id: an empty review first.
        INSERT INTO team.review (call_id, author, off_lease) VALUES (v_call, p_author, v_off) ON CONFLICT DO NOTHING;
        SELECT * INTO STRICT v_review FROM team.review
         WHERE call_id = v_call AND author = p_author AND session_id IS NULL FOR UPDATE;
      END IF;
      IF v_review.frozen_at IS NOT NULL THEN
        RETURN jsonb_build_object('opId', p_op ->> 'opId', 'status', 'frozen', 'offLease', false);
      END IF;
      v_status := CASE p_op ->> 'entity'
        WHEN 'review' THEN team.apply_review_fields(v_review, p_op, v_off)
        WHEN 'comment' THEN team.apply_comment(v_review.id, p_op)
        ELSE team.apply_tag_check(v_review.id, p_op) END;
      IF v_status = 'applied' AND v_off AND p_op ->> 'entity' <> 'review' AND NOT v_review.off_lease THEN
        UPDATE team.review SET off_lease = true, updated_at = now() WHERE id = v_review.id;
      END IF;
      RETURN jsonb_build_object('opId', p_op ->> 'opId', 'status', v_status, 'offLease', v_off);
    END
    $fn$;

    -- A device's batch of ops, in order, in one transaction, as the member logged in.
    CREATE FUNCTION team.apply_ops(p_device text, p_ops jsonb) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_kind    text;
      v_owner   text;
      v_op      jsonb;
      v_n       bigint;
      v_problem text;
      v_acks    jsonb := '[]';
    BEGIN
      SELECT kind INTO v_kind FROM team.member WHERE name = session_user;
      IF v_kind IS NULL OR v_kind NOT IN ('reviewer', 'lead') THEN
        RAISE EXCEPTION 'apply_ops: % is not a reviewer or lead of this team', session_user USING ERRCODE = '42501';
      END IF;
      IF p_device IS NULL OR p_device !~ '^[A-Za-z0-9-]{1,64}$' THEN
        RAISE EXCEPTION 'apply_ops: a device id is 1 to 64 letters, digits or -, got %', coalesce(p_device, 'null')
          USING ERRCODE = '22023';
      END IF;
      IF jsonb_typeof(p_ops) IS DISTINCT FROM 'array' OR jsonb_array_length(p_ops) > 1000 THEN
        RAISE EXCEPTION 'apply_ops: ops must be a JSON array of at most 1000 ops' USING ERRCODE = '22023';
      END IF;
      -- Every op is checked before any is applied; one bad op refuses the batch.
      FOR v_op, v_n IN SELECT value, ordinality FROM jsonb_array_elements(p_ops) WITH ORDINALITY LOOP
        v_problem := team.op_problem(v_op);
        IF v_problem IS NULL AND NOT EXISTS (SELECT 1 FROM team.call WHERE call_id = (v_op ->> 'callId')::bigint) THEN
          v_problem := format('there is no call %s in the team catalogue', v_op ->> 'callId');
        END IF;
        IF v_problem IS NOT NULL THEN
          RAISE EXCEPTION 'apply_ops: op % (%): %', v_n, coalesce(left(v_op ->> 'opId', 40), 'no opId'), v_problem
            USING ERRCODE = '22023';
        END IF;
      END LOOP;
      -- A device id belongs to the member who first pushed from it.
      INSERT INTO team.device (id, member) VALUES (p_device, session_user)
      ON CONFLICT (id) DO UPDATE SET last_seen = now() WHERE device.member = session_user
      RETURNING member INTO v_owner;
      IF v_owner IS NULL THEN
        RAISE EXCEPTION 'apply_ops: device % belongs to another member', p_device USING ERRCODE = '42501';
      END IF;
      FOR v_op IN SELECT value FROM jsonb_array_elements(p_ops) LOOP
        v_acks := v_acks || jsonb_build_array(team.apply_op(session_user, v_kind = 'lead', p_device, v_op));
      END LOOP;
      RETURN v_acks;
    END
    $fn$;
`

export const migration5: Migration = {
  version: 5,
  name: 'reviews both ways: apply_ops with per-field last-writer-wins, the change feed and pull_changes, audit',
  sql: `
    ${OP_CHECKS_SQL}
    ${MERGE_SQL}
    ${APPLY_SQL}
    ${CHANGE_FEED_SQL}
    -- Only apply_ops and pull_changes are callable, and only by reviewers and leads; the helpers
    -- run inside them as the owner.
    REVOKE ALL ON FUNCTION team.op_is_int(jsonb, numeric, numeric), team.op_is_number(jsonb, numeric, numeric),
      team.op_is_text(jsonb, integer, integer), team.op_field_problem(text, text, jsonb), team.op_problem(jsonb),
      team.hlc_wins(text, jsonb, text), team.keep_lost_note(team.review, text, text, text),
      team.apply_review_fields(team.review, jsonb, boolean), team.apply_comment(bigint, jsonb),
      team.apply_tag_check(bigint, jsonb), team.apply_op(text, boolean, text, jsonb),
      team.apply_ops(text, jsonb), team.pull_changes(xid8, bigint, integer) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION team.apply_ops(text, jsonb), team.pull_changes(xid8, bigint, integer) TO reviewer, lead;
  `,
}
