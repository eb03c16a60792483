import type { Migration } from '../team-schema'
import { CHANGE_FEED_SQL } from './v5-change-feed'
import { OP_CHECKS_SQL } from './v5-op-checks'

// Migration 5: reviews flow both ways. apply_ops takes a device's outbox ops (sync/contract.ts)
// and applies TEAM.md's conflict rules; the change feed (v5-change-feed.ts) carries the result
// back to the member's other devices. HLCs compare as text in byte order (COLLATE "C"): a
// database collation such as en_US would order their '-' separators by other rules.
const APPLY_SQL = `
    -- Last writer wins per field: the op's clock against the clock that set the field.
    CREATE FUNCTION team.hlc_wins(p_hlc text, p_clocks jsonb, p_field text) RETURNS boolean
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
      SELECT p_clocks ->> p_field IS NULL OR p_hlc COLLATE "C" > (p_clocks ->> p_field) COLLATE "C"
    $fn$;

    -- A note text that lost (or was overwritten by another device's) is kept for "edited on
    -- another device — restore?". Its author may read it back (policy below).
    CREATE FUNCTION team.keep_lost_note(p_review team.review, p_text text, p_hlc text, p_lost_to text) RETURNS void
    LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $fn$
      INSERT INTO team.audit (action, call_id, detail)
      VALUES ('note_lost', p_review.call_id, jsonb_build_object(
        'reviewId', p_review.id, 'author', p_review.author, 'sessionId', p_review.session_id,
        'text', p_text, 'hlc', p_hlc, 'device', substr(p_hlc, 24), 'lostTo', p_lost_to))
    $fn$;

    -- Review fields: verdict, score, note, tags. Returns 'applied' when a field won, else 'stale'.
    CREATE FUNCTION team.apply_review_fields(p_review team.review, p_op jsonb, p_off_lease boolean) RETURNS text
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      r        team.review := p_review;
      v_hlc    text := p_op ->> 'hlc';
      v_fields jsonb := p_op -> 'fields';
      v_field  text;
      v_won    boolean := false;
    BEGIN
      FOR v_field IN SELECT jsonb_object_keys(v_fields) LOOP
        IF NOT team.hlc_wins(v_hlc, r.clocks, v_field) THEN
          IF v_field = 'note' AND v_fields ->> 'note' <> r.note THEN
            PERFORM team.keep_lost_note(r, v_fields ->> 'note', v_hlc, r.clocks ->> 'note');
          END IF;
          CONTINUE;
        END IF;
        v_won := true;
        -- A device replacing its own text is an edit, not a conflict; another device's text is kept.
        IF v_field = 'note' AND r.note <> '' AND r.note <> v_fields ->> 'note'
           AND substr(r.clocks ->> 'note', 24) IS DISTINCT FROM substr(v_hlc, 24) THEN
          PERFORM team.keep_lost_note(r, r.note, r.clocks ->> 'note', v_hlc);
        END IF;
        CASE v_field
          WHEN 'verdict' THEN r.verdict := v_fields ->> 'verdict';
          WHEN 'score' THEN r.score := (v_fields ->> 'score')::real;
          WHEN 'note' THEN r.note := v_fields ->> 'note';
          WHEN 'tags' THEN r.tags := v_fields -> 'tags';
        END CASE;
        r.clocks := jsonb_set(r.clocks, ARRAY[v_field], to_jsonb(v_hlc));
      END LOOP;
      IF NOT v_won THEN RETURN 'stale'; END IF;
      UPDATE team.review
         SET verdict = r.verdict, score = r.score, note = r.note, tags = r.tags, clocks = r.clocks,
             off_lease = r.off_lease OR p_off_lease, updated_at = now()
       WHERE id = r.id;
      -- A verdict finishes the author's claim: progress counts it and nobody claims the call again.
      IF r.verdict IS NOT NULL AND r.clocks ->> 'verdict' = v_hlc THEN
        UPDATE team.assignment SET state = 'done', closed_at = now()
         WHERE call_id = r.call_id AND assignee = r.author AND kind = 'normal' AND state = 'open';
      END IF;
      RETURN 'applied';
    END
    $fn$;

    -- Comments: a set keyed by the client's id, last writer wins per field, a delete wins for good.
    CREATE FUNCTION team.apply_comment(p_review bigint, p_op jsonb) RETURNS text
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      c         team.review_comment;
      v_hlc     text := p_op ->> 'hlc';
      v_fields  jsonb := p_op -> 'fields';
      v_deleted boolean := coalesce((p_op ->> 'deleted')::boolean, false);
      v_exists  boolean;
      v_field   text;
      v_won     boolean := false;
    BEGIN
      SELECT * INTO c FROM team.review_comment WHERE review_id = p_review AND comment_id = p_op ->> 'key' FOR UPDATE;
      v_exists := FOUND;
      IF v_exists AND c.deleted_at IS NOT NULL THEN RETURN 'stale'; END IF;
      IF NOT v_exists THEN
        -- A delete of a comment the server never saw leaves a tombstone, so its create loses later.
        IF NOT v_deleted AND NOT (v_fields ? 'atMs' AND v_fields ? 'createdAt') THEN
          RAISE EXCEPTION 'apply_ops: op %: comment % is new here, so it needs fields atMs and createdAt',
            p_op ->> 'opId', p_op ->> 'key' USING ERRCODE = '22023';
        END IF;
        c := ROW(p_review, p_op ->> 'key', 0, NULL, NULL, '', NULL, '', '{}'::jsonb, NULL);
      END IF;
      IF v_deleted THEN
        c.deleted_at := now();
        c.clocks := jsonb_set(c.clocks, '{deleted}', to_jsonb(v_hlc));
        v_won := true;
      END IF;
      FOR v_field IN SELECT jsonb_object_keys(v_fields) LOOP
        CONTINUE WHEN NOT team.hlc_wins(v_hlc, c.clocks, v_field);
        v_won := true;
        CASE v_field
          WHEN 'atMs' THEN c.at_ms := (v_fields ->> 'atMs')::integer;
          WHEN 'endMs' THEN c.end_ms := (v_fields ->> 'endMs')::integer;
          WHEN 'lineIndex' THEN c.line_index := (v_fields ->> 'lineIndex')::integer;
          WHEN 'text' THEN c.text := v_fields ->> 'text';
          WHEN 'category' THEN c.category := v_fields ->> 'category';
          WHEN 'createdAt' THEN c.created_at := v_fields ->> 'createdAt';
        END CASE;
        c.clocks := jsonb_set(c.clocks, ARRAY[v_field], to_jsonb(v_hlc));
      END LOOP;
      IF NOT v_won THEN RETURN 'stale'; END IF;
      -- Start and end set by different writes can cross: drop the end rather than refuse the op.
      IF c.end_ms < c.at_ms THEN c.end_ms := NULL; END IF;
      IF v_exists THEN
        UPDATE team.review_comment
           SET at_ms = c.at_ms, end_ms = c.end_ms, line_index = c.line_index, text = c.text,
               category = c.category, created_at = c.created_at, clocks = c.clocks, deleted_at = c.deleted_at
         WHERE review_id = p_review AND comment_id = c.comment_id;
      ELSE
        INSERT INTO team.review_comment SELECT c.*;
      END IF;
      RETURN 'applied';
    END
    $fn$;

    -- Tag checks: last writer wins per field, removal included (a removed check is a row).
    CREATE FUNCTION team.apply_tag_check(p_review bigint, p_op jsonb) RETURNS text
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      t        team.tag_correction;
      v_hlc    text := p_op ->> 'hlc';
      v_fields jsonb := p_op -> 'fields';
      v_exists boolean;
      v_field  text;
      v_won    boolean := false;
    BEGIN
      SELECT * INTO t FROM team.tag_correction WHERE review_id = p_review AND name = p_op ->> 'key' FOR UPDATE;
      v_exists := FOUND;
      IF NOT v_exists THEN
        IF NOT v_fields ? 'status' AND v_fields -> 'removed' IS DISTINCT FROM 'true'::jsonb THEN
          RAISE EXCEPTION 'apply_ops: op %: tag check % is new here, so it needs field status',
            p_op ->> 'opId', p_op ->> 'key' USING ERRCODE = '22023';
        END IF;
        -- A removal the server never saw the check of: a placeholder status with no clock.
        t := ROW(p_review, p_op ->> 'key', '', 'confirmed', NULL, false, '{}'::jsonb);
      END IF;
      FOR v_field IN SELECT jsonb_object_keys(v_fields) LOOP
        CONTINUE WHEN NOT team.hlc_wins(v_hlc, t.clocks, v_field);
        v_won := true;
        CASE v_field
          WHEN 'robotValue' THEN t.robot_value := v_fields ->> 'robotValue';
          WHEN 'status' THEN t.status := v_fields ->> 'status';
          WHEN 'correctedValue' THEN t.corrected_value := v_fields ->> 'correctedValue';
          WHEN 'removed' THEN t.removed := (v_fields ->> 'removed')::boolean;
        END CASE;
        t.clocks := jsonb_set(t.clocks, ARRAY[v_field], to_jsonb(v_hlc));
      END LOOP;
      IF NOT v_won THEN RETURN 'stale'; END IF;
      IF v_exists THEN
        UPDATE team.tag_correction
           SET robot_value = t.robot_value, status = t.status, corrected_value = t.corrected_value,
               removed = t.removed, clocks = t.clocks
         WHERE review_id = p_review AND name = t.name;
      ELSE
        INSERT INTO team.tag_correction SELECT t.*;
      END IF;
      RETURN 'applied';
    END
    $fn$;

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
      INSERT INTO team.review (call_id, author) VALUES (v_call, p_author) ON CONFLICT DO NOTHING;
      SELECT * INTO STRICT v_review FROM team.review
       WHERE call_id = v_call AND author = p_author AND session_id IS NULL FOR UPDATE;
      IF v_review.frozen_at IS NOT NULL THEN
        RETURN jsonb_build_object('opId', p_op ->> 'opId', 'status', 'frozen', 'offLease', false);
      END IF;
      -- Held: an open or finished claim (or spot check). An expired lease someone reclaimed, or a
      -- released call, is not: the review is kept and flagged for the lead. A lead needs no claim.
      v_off := NOT p_lead AND NOT EXISTS (
        SELECT 1 FROM team.assignment a
         WHERE a.call_id = v_call AND a.assignee = p_author
           AND a.kind IN ('normal', 'spot_check') AND a.state IN ('open', 'done'));
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
