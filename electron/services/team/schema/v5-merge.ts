// Part of migration 5: TEAM.md's conflict rules, one function per entity, run by apply_ops as the
// owner. Last writer wins per field by hybrid logical clock, compared as text in byte order
// (COLLATE "C", as every device compares them): a database collation such as ICU's en would
// order letters of different case, and the '-' separators, by other rules.
export const MERGE_SQL = `
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
      IF r.id IS NULL THEN
        -- A new review is written once, so the feed carries it once.
        INSERT INTO team.review (call_id, author, verdict, score, note, tags, clocks, off_lease)
        VALUES (r.call_id, r.author, r.verdict, r.score, r.note, r.tags, r.clocks, p_off_lease)
        ON CONFLICT DO NOTHING RETURNING id INTO r.id;
        IF r.id IS NULL THEN
          -- Another device of the author created it meanwhile: merge into that one.
          SELECT * INTO STRICT r FROM team.review
           WHERE call_id = p_review.call_id AND author = p_review.author AND session_id IS NULL FOR UPDATE;
          RETURN team.apply_review_fields(r, p_op, p_off_lease);
        END IF;
      ELSE
        UPDATE team.review
           SET verdict = r.verdict, score = r.score, note = r.note, tags = r.tags, clocks = r.clocks,
               off_lease = r.off_lease OR p_off_lease, updated_at = now()
         WHERE id = r.id;
      END IF;
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
        c.review_id := p_review;
        c.comment_id := p_op ->> 'key';
        c.at_ms := 0;
        c.text := '';
        c.created_at := '';
        c.clocks := '{}';
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
        INSERT INTO team.review_comment (review_id, comment_id, at_ms, end_ms, line_index, text, category, created_at, clocks, deleted_at)
        VALUES (c.review_id, c.comment_id, c.at_ms, c.end_ms, c.line_index, c.text, c.category, c.created_at, c.clocks, c.deleted_at);
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
        t.review_id := p_review;
        t.name := p_op ->> 'key';
        t.robot_value := '';
        t.status := 'confirmed';
        t.removed := false;
        t.clocks := '{}';
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
        INSERT INTO team.tag_correction (review_id, name, robot_value, status, corrected_value, removed, clocks)
        VALUES (t.review_id, t.name, t.robot_value, t.status, t.corrected_value, t.removed, t.clocks);
      END IF;
      RETURN 'applied';
    END
    $fn$;
`
