// Migration 6, part 2: creating a calibration session, a participant's grade, and the reveal.
// Every function runs as its owner (SECURITY DEFINER) and takes the caller from session_user.
export const CALIBRATION_GRADES_SQL = `
    -- A hybrid logical clock reading of the server (sync/contract.ts's HLC format, device
    -- "server"), later than p_after: calibration grades are written only here, so their per-field
    -- clocks just have to move forward.
    CREATE FUNCTION team.server_hlc(p_after text) RETURNS text
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_now   bigint := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
      v_wall  bigint := 0;
      v_count integer := 0;
    BEGIN
      IF p_after ~ '^[0-9]{15}-[0-9]{6}-' THEN
        v_wall := substr(p_after, 1, 15)::bigint;
        v_count := substr(p_after, 17, 6)::integer;
      END IF;
      IF v_now > v_wall THEN
        RETURN lpad(v_now::text, 15, '0') || '-000000-server';
      END IF;
      RETURN lpad(v_wall::text, 15, '0') || '-' || lpad((v_count + 1)::text, 6, '0') || '-server';
    END
    $fn$;
    REVOKE ALL ON FUNCTION team.server_hlc(text) FROM PUBLIC;

    -- A lead opens a session: the calls, the participants (reviewers or leads) and a due time.
    -- Each participant gets an open calibration assignment per call, leased until the due time,
    -- so their desktop fetches those calls like claimed ones.
    CREATE FUNCTION team.create_calibration(p_name text, p_call_ids bigint[], p_participants text[], p_due timestamptz)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_name      text := btrim(p_name);
      v_calls     bigint[];
      v_people    text[];
      v_unknown   text;
      v_campaigns bigint[];
      v_session   bigint;
    BEGIN
      PERFORM team.assert_lead('create_calibration');
      IF v_name IS NULL OR length(v_name) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION 'create_calibration: the name must be 1–200 characters' USING ERRCODE = '22023';
      END IF;
      IF p_call_ids IS NULL OR cardinality(p_call_ids) NOT BETWEEN 1 AND 1000 OR array_position(p_call_ids, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'create_calibration: give 1–1000 call ids, none null' USING ERRCODE = '22023';
      END IF;
      v_calls := ARRAY(SELECT DISTINCT id FROM unnest(p_call_ids) AS id ORDER BY id);
      SELECT string_agg(id::text, ', ' ORDER BY id) INTO v_unknown FROM unnest(v_calls) AS id
       WHERE NOT EXISTS (SELECT 1 FROM team.call c WHERE c.call_id = id);
      IF v_unknown IS NOT NULL THEN
        RAISE EXCEPTION 'create_calibration: no published call %', v_unknown USING ERRCODE = '22023';
      END IF;
      IF p_participants IS NULL OR array_position(p_participants, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'create_calibration: participants must not be null' USING ERRCODE = '22023';
      END IF;
      v_people := ARRAY(SELECT DISTINCT n FROM unnest(p_participants) AS n ORDER BY n);
      IF cardinality(v_people) NOT BETWEEN 2 AND 100 THEN
        RAISE EXCEPTION 'create_calibration: a session needs 2–100 distinct participants, got %', cardinality(v_people)
          USING ERRCODE = '22023';
      END IF;
      SELECT string_agg(n, ', ' ORDER BY n) INTO v_unknown FROM unnest(v_people) AS n
       WHERE NOT EXISTS (SELECT 1 FROM team.member m WHERE m.name = n AND m.kind IN ('reviewer', 'lead'));
      IF v_unknown IS NOT NULL THEN
        RAISE EXCEPTION 'create_calibration: not a reviewer or lead of this team: %', v_unknown USING ERRCODE = '22023';
      END IF;
      IF p_due IS NULL OR p_due <= now() THEN
        RAISE EXCEPTION 'create_calibration: the due time must be in the future, got %', p_due USING ERRCODE = '22023';
      END IF;
      SELECT array_agg(DISTINCT t.campaign_id) INTO v_campaigns
        FROM team.call c JOIN team.task t ON t.call_job_id = c.call_job_id WHERE c.call_id = ANY (v_calls);
      INSERT INTO team.calibration_session (campaign_id, name, created_by, due_at)
      VALUES (CASE WHEN cardinality(v_campaigns) = 1 THEN v_campaigns[1] END, v_name, session_user, p_due)
      RETURNING id INTO v_session;
      INSERT INTO team.calibration_item (session_id, call_id) SELECT v_session, id FROM unnest(v_calls) AS id;
      INSERT INTO team.calibration_participant (session_id, member) SELECT v_session, n FROM unnest(v_people) AS n;
      INSERT INTO team.assignment (call_id, kind, assignee, lease_until, session_id)
      SELECT id, 'calibration', n, p_due, v_session FROM unnest(v_calls) AS id CROSS JOIN unnest(v_people) AS n;
      RETURN v_session;
    END
    $fn$;

    -- A participant's grade of one call of a session, replacing their previous one whole:
    -- {verdict, score?, note?, tagChecks?: [{name, robotValue, status, correctedValue}]} (the
    -- shapes of reviews.ts). A check left out of a new grade is kept as removed. Writable until
    -- the reveal, whatever the due time.
    CREATE FUNCTION team.submit_calibration(p_session bigint, p_call bigint, p_grade jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_session  team.calibration_session;
      v_unknown  text;
      v_verdict  text;
      v_score    real;
      v_note     text := '';
      v_checks   jsonb := '[]';
      v_check    jsonb;
      v_at       bigint;
      v_names    text[] := '{}';
      v_review   team.review;
      v_hlc      text;
    BEGIN
      -- FOR SHARE: a reveal (FOR UPDATE) waits for grades being written, and a grade written
      -- after a reveal sees it.
      SELECT * INTO v_session FROM team.calibration_session WHERE id = p_session FOR SHARE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'submit_calibration: there is no calibration session %', p_session USING ERRCODE = '22023';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM team.calibration_participant WHERE session_id = p_session AND member = session_user) THEN
        RAISE EXCEPTION 'submit_calibration: % is not a participant of calibration session %', session_user, p_session
          USING ERRCODE = '42501';
      END IF;
      IF v_session.revealed_at IS NOT NULL THEN
        RAISE EXCEPTION 'submit_calibration: calibration session % was revealed: its grades are frozen', p_session
          USING ERRCODE = '55000';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM team.calibration_item WHERE session_id = p_session AND call_id = p_call) THEN
        RAISE EXCEPTION 'submit_calibration: call % is not in calibration session %', p_call, p_session USING ERRCODE = '22023';
      END IF;

      IF p_grade IS NULL OR jsonb_typeof(p_grade) <> 'object' THEN
        RAISE EXCEPTION 'submit_calibration: the grade must be a JSON object' USING ERRCODE = '22023';
      END IF;
      SELECT string_agg(k, ', ') INTO v_unknown FROM jsonb_object_keys(p_grade) AS k
       WHERE k NOT IN ('verdict', 'score', 'note', 'tagChecks');
      IF v_unknown IS NOT NULL THEN
        RAISE EXCEPTION 'submit_calibration: unknown grade field %', v_unknown USING ERRCODE = '22023';
      END IF;
      v_verdict := p_grade ->> 'verdict';
      IF jsonb_typeof(p_grade -> 'verdict') IS DISTINCT FROM 'string' OR v_verdict NOT IN ('pass', 'fail', 'follow_up') THEN
        RAISE EXCEPTION 'submit_calibration: verdict must be pass, fail or follow_up' USING ERRCODE = '22023';
      END IF;
      IF coalesce(jsonb_typeof(p_grade -> 'score'), 'null') <> 'null' THEN
        -- Nested, not OR: SQL does not promise to skip the cast of a non-number.
        IF jsonb_typeof(p_grade -> 'score') <> 'number' THEN
          RAISE EXCEPTION 'submit_calibration: score must be a number from 0 to 100, or null' USING ERRCODE = '22023';
        END IF;
        IF (p_grade ->> 'score')::numeric NOT BETWEEN 0 AND 100 THEN
          RAISE EXCEPTION 'submit_calibration: score must be a number from 0 to 100, or null' USING ERRCODE = '22023';
        END IF;
        v_score := (p_grade ->> 'score')::real;
      END IF;
      IF p_grade ? 'note' THEN
        IF jsonb_typeof(p_grade -> 'note') <> 'string' OR length(p_grade ->> 'note') > 20000 THEN
          RAISE EXCEPTION 'submit_calibration: note must be text of at most 20000 characters' USING ERRCODE = '22023';
        END IF;
        v_note := p_grade ->> 'note';
      END IF;
      IF coalesce(jsonb_typeof(p_grade -> 'tagChecks'), 'null') <> 'null' THEN
        v_checks := p_grade -> 'tagChecks';
        IF jsonb_typeof(v_checks) <> 'array' OR jsonb_array_length(v_checks) > 200 THEN
          RAISE EXCEPTION 'submit_calibration: tagChecks must be an array of at most 200 checks' USING ERRCODE = '22023';
        END IF;
      END IF;
      FOR v_check, v_at IN SELECT value, ordinality - 1 FROM jsonb_array_elements(v_checks) WITH ORDINALITY LOOP
        IF jsonb_typeof(v_check) <> 'object' THEN
          RAISE EXCEPTION 'submit_calibration: tagChecks[%] must be an object', v_at USING ERRCODE = '22023';
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_object_keys(v_check) AS k WHERE k NOT IN ('name', 'robotValue', 'status', 'correctedValue'))
           OR jsonb_typeof(v_check -> 'name') IS DISTINCT FROM 'string' OR length(v_check ->> 'name') NOT BETWEEN 1 AND 200
           OR jsonb_typeof(v_check -> 'robotValue') IS DISTINCT FROM 'string' OR length(v_check ->> 'robotValue') > 200
           OR coalesce(v_check ->> 'status', '') NOT IN ('confirmed', 'corrected', 'missed')
           OR coalesce(jsonb_typeof(v_check -> 'correctedValue'), 'null') NOT IN ('null', 'string')
           OR length(v_check ->> 'correctedValue') > 200 THEN
          RAISE EXCEPTION 'submit_calibration: tagChecks[%] must be {name: 1–200 characters, robotValue: text, status: confirmed|corrected|missed, correctedValue: text or null}', v_at
            USING ERRCODE = '22023';
        END IF;
        IF v_check ->> 'status' <> 'confirmed' AND v_check ->> 'correctedValue' IS NULL THEN
          RAISE EXCEPTION 'submit_calibration: tagChecks[%]: a corrected or missed tag needs its correctedValue', v_at
            USING ERRCODE = '22023';
        END IF;
        IF v_check ->> 'status' = 'missed' AND v_check ->> 'robotValue' <> '' THEN
          RAISE EXCEPTION 'submit_calibration: tagChecks[%]: a tag the robot missed has no robotValue', v_at USING ERRCODE = '22023';
        END IF;
        IF (v_check ->> 'name') = ANY (v_names) THEN
          RAISE EXCEPTION 'submit_calibration: tagChecks[%]: tag % is checked twice', v_at, v_check ->> 'name' USING ERRCODE = '22023';
        END IF;
        v_names := v_names || (v_check ->> 'name');
      END LOOP;

      SELECT * INTO v_review FROM team.review
       WHERE call_id = p_call AND author = session_user AND session_id = p_session FOR UPDATE;
      v_hlc := team.server_hlc((SELECT max(value) FROM jsonb_each_text(coalesce(v_review.clocks, '{}'))));
      IF v_review.id IS NULL THEN
        INSERT INTO team.review (call_id, author, session_id, verdict, score, note, clocks)
        VALUES (p_call, session_user, p_session, v_verdict, v_score, v_note,
                jsonb_build_object('verdict', v_hlc, 'score', v_hlc, 'note', v_hlc))
        RETURNING * INTO v_review;
      ELSE
        UPDATE team.review SET verdict = v_verdict, score = v_score, note = v_note, updated_at = now(),
               clocks = clocks || jsonb_build_object('verdict', v_hlc, 'score', v_hlc, 'note', v_hlc)
         WHERE id = v_review.id;
      END IF;
      INSERT INTO team.tag_correction (review_id, name, robot_value, status, corrected_value, removed, clocks)
      SELECT v_review.id, c ->> 'name', c ->> 'robotValue', c ->> 'status', c ->> 'correctedValue', false,
             jsonb_build_object('robotValue', v_hlc, 'status', v_hlc, 'correctedValue', v_hlc, 'removed', v_hlc)
        FROM jsonb_array_elements(v_checks) AS c
      ON CONFLICT (review_id, name) DO UPDATE
         SET robot_value = excluded.robot_value, status = excluded.status, corrected_value = excluded.corrected_value,
             removed = false, clocks = excluded.clocks;
      UPDATE team.tag_correction SET removed = true, clocks = clocks || jsonb_build_object('removed', v_hlc)
       WHERE review_id = v_review.id AND NOT removed AND name <> ALL (v_names);
    END
    $fn$;

    -- The lead ends the blind phase: every grade of the session freezes, the participants'
    -- calibration assignments close, and peers' grades become visible (see review_read).
    -- Revealing again changes nothing and returns the first reveal's time.
    CREATE FUNCTION team.reveal_calibration(p_session bigint) RETURNS timestamptz
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_session team.calibration_session;
    BEGIN
      PERFORM team.assert_lead('reveal_calibration');
      SELECT * INTO v_session FROM team.calibration_session WHERE id = p_session FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'reveal_calibration: there is no calibration session %', p_session USING ERRCODE = '22023';
      END IF;
      IF v_session.revealed_at IS NOT NULL THEN
        RETURN v_session.revealed_at;
      END IF;
      UPDATE team.calibration_session SET revealed_at = now() WHERE id = p_session;
      UPDATE team.review SET frozen_at = now() WHERE session_id = p_session AND frozen_at IS NULL;
      UPDATE team.assignment SET state = 'done', closed_at = now()
       WHERE session_id = p_session AND kind = 'calibration' AND state = 'open';
      RETURN now();
    END
    $fn$;

    REVOKE ALL ON FUNCTION team.create_calibration(text, bigint[], text[], timestamptz),
      team.submit_calibration(bigint, bigint, jsonb), team.reveal_calibration(bigint) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION team.create_calibration(text, bigint[], text[], timestamptz),
      team.reveal_calibration(bigint) TO lead;
    GRANT EXECUTE ON FUNCTION team.submit_calibration(bigint, bigint, jsonb) TO reviewer, lead;
`
