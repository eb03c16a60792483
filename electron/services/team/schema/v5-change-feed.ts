// Part of migration 5: the change feed and the audit trail. Triggers append each changed review,
// comment, tag check and assignment to team.change_log (the whole row, camelCase as
// sync/contract.ts's ChangeRow); pull_changes reads it with a (txid, seq) cursor kept below the
// oldest running transaction, so a transaction that commits late is never skipped. Each change
// also pokes LISTEN team_changes (empty payload: one poke per transaction, naming nobody);
// devices still poll, since a poke is lost while they are offline.
export const CHANGE_FEED_SQL = `
    -- A review as a device receives it.
    CREATE FUNCTION team.log_review() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_row jsonb;
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
      v_row := jsonb_build_object(
        'id', NEW.id, 'callId', NEW.call_id, 'author', NEW.author, 'sessionId', NEW.session_id,
        'verdict', NEW.verdict, 'score', NEW.score, 'note', NEW.note, 'tags', NEW.tags, 'clocks', NEW.clocks,
        'offLease', NEW.off_lease, 'frozenAt', NEW.frozen_at, 'updatedAt', NEW.updated_at);
      INSERT INTO team.change_log (member, call_id, entity, entity_key, row)
      VALUES (NEW.author, NEW.call_id, 'review', NULL, v_row);
      INSERT INTO team.audit (action, call_id, detail) VALUES ('review.' || lower(TG_OP), NEW.call_id, v_row);
      PERFORM pg_notify('team_changes', '');
      RETURN NULL;
    END
    $fn$;

    CREATE FUNCTION team.log_review_comment() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_review team.review;
      v_row    jsonb;
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
      SELECT * INTO STRICT v_review FROM team.review WHERE id = NEW.review_id;
      v_row := jsonb_build_object(
        'reviewId', NEW.review_id, 'callId', v_review.call_id, 'sessionId', v_review.session_id,
        'commentId', NEW.comment_id, 'atMs', NEW.at_ms, 'endMs', NEW.end_ms, 'lineIndex', NEW.line_index,
        'text', NEW.text, 'category', NEW.category, 'createdAt', NEW.created_at, 'clocks', NEW.clocks,
        'deletedAt', NEW.deleted_at);
      INSERT INTO team.change_log (member, call_id, entity, entity_key, row)
      VALUES (v_review.author, v_review.call_id, 'comment', NEW.comment_id, v_row);
      INSERT INTO team.audit (action, call_id, detail) VALUES ('comment.' || lower(TG_OP), v_review.call_id, v_row);
      PERFORM pg_notify('team_changes', '');
      RETURN NULL;
    END
    $fn$;

    CREATE FUNCTION team.log_tag_correction() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_review team.review;
      v_row    jsonb;
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
      SELECT * INTO STRICT v_review FROM team.review WHERE id = NEW.review_id;
      v_row := jsonb_build_object(
        'reviewId', NEW.review_id, 'callId', v_review.call_id, 'sessionId', v_review.session_id,
        'name', NEW.name, 'robotValue', NEW.robot_value, 'status', NEW.status,
        'correctedValue', NEW.corrected_value, 'removed', NEW.removed, 'clocks', NEW.clocks);
      INSERT INTO team.change_log (member, call_id, entity, entity_key, row)
      VALUES (v_review.author, v_review.call_id, 'tag_check', NEW.name, v_row);
      INSERT INTO team.audit (action, call_id, detail) VALUES ('tag_check.' || lower(TG_OP), v_review.call_id, v_row);
      PERFORM pg_notify('team_changes', '');
      RETURN NULL;
    END
    $fn$;

    -- A claim, a release, a finished call, or a lease someone else reclaimed: the assignee's
    -- devices learn of it (entity_key is the assignment id).
    CREATE FUNCTION team.log_assignment() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN RETURN NULL; END IF;
      INSERT INTO team.change_log (member, call_id, entity, entity_key, row)
      VALUES (NEW.assignee, NEW.call_id, 'assignment', NEW.id::text, jsonb_build_object(
        'id', NEW.id, 'callId', NEW.call_id, 'kind', NEW.kind, 'assignee', NEW.assignee, 'state', NEW.state,
        'leaseUntil', NEW.lease_until, 'claimedAt', NEW.claimed_at, 'closedAt', NEW.closed_at));
      PERFORM pg_notify('team_changes', '');
      RETURN NULL;
    END
    $fn$;

    CREATE TRIGGER review_changed AFTER INSERT OR UPDATE ON team.review
      FOR EACH ROW EXECUTE FUNCTION team.log_review();
    CREATE TRIGGER review_comment_changed AFTER INSERT OR UPDATE ON team.review_comment
      FOR EACH ROW EXECUTE FUNCTION team.log_review_comment();
    CREATE TRIGGER tag_correction_changed AFTER INSERT OR UPDATE ON team.tag_correction
      FOR EACH ROW EXECUTE FUNCTION team.log_tag_correction();
    CREATE TRIGGER assignment_changed AFTER INSERT OR UPDATE ON team.assignment
      FOR EACH ROW EXECUTE FUNCTION team.log_assignment();
    REVOKE ALL ON FUNCTION team.log_review(), team.log_review_comment(), team.log_tag_correction(),
      team.log_assignment() FROM PUBLIC;

    -- The caller's changes after the cursor (a lead's: everyone's), only from transactions older
    -- than every one still running: a row of a later-committing transaction has a larger txid than
    -- anything returned now, so the next pull still finds it.
    CREATE FUNCTION team.pull_changes(p_after_txid xid8, p_after_seq bigint, p_limit integer)
    RETURNS TABLE (txid text, seq bigint, member text, call_id bigint, entity text, entity_key text, "row" jsonb)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
    BEGIN
      IF p_limit IS NULL OR p_limit < 1 OR p_limit > 5000 THEN
        RAISE EXCEPTION 'pull_changes: limit must be between 1 and 5000, got %', p_limit USING ERRCODE = '22023';
      END IF;
      IF p_after_txid IS NULL OR p_after_seq IS NULL THEN
        RAISE EXCEPTION 'pull_changes: the cursor needs a txid and a seq (0 and 0 read from the start)' USING ERRCODE = '22023';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM team.member m WHERE m.name = session_user AND m.kind IN ('reviewer', 'lead')) THEN
        RAISE EXCEPTION 'pull_changes: % is not a reviewer or lead of this team', session_user USING ERRCODE = '42501';
      END IF;
      IF pg_has_role(session_user, 'lead', 'MEMBER') THEN
        RETURN QUERY SELECT c.txid::text, c.seq, c.member, c.call_id, c.entity, c.entity_key, c.row
          FROM team.change_log c
         WHERE (c.txid, c.seq) > (p_after_txid, p_after_seq) AND c.txid < v_horizon
         ORDER BY c.txid, c.seq LIMIT p_limit;
      ELSE
        RETURN QUERY SELECT c.txid::text, c.seq, c.member, c.call_id, c.entity, c.entity_key, c.row
          FROM team.change_log c
         WHERE c.member = session_user AND (c.txid, c.seq) > (p_after_txid, p_after_seq) AND c.txid < v_horizon
         ORDER BY c.txid, c.seq LIMIT p_limit;
      END IF;
    END
    $fn$;

    -- A member may read back their own lost note texts ("edited on another device — restore?");
    -- a lead reads the whole audit (v4's policy).
    GRANT SELECT ON team.audit TO reviewer;
    CREATE POLICY audit_own_lost_notes ON team.audit FOR SELECT
      USING (action = 'note_lost' AND detail ->> 'author' = current_user);
`
