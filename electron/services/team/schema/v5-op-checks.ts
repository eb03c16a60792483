// Part of migration 5: the server's own check of an op, the SQL twin of sync/contract.ts's
// teamOpSchema. The server trusts no client's validation: apply_ops raises (SQLSTATE 22023) with
// the op and the problem this returns, and the whole batch is refused.
export const OP_CHECKS_SQL = `
    -- A JSON integer in [lo, hi] (a float like 1.5 or a string "1" is not).
    CREATE FUNCTION team.op_is_int(v jsonb, lo numeric, hi numeric) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    BEGIN
      IF jsonb_typeof(v) IS DISTINCT FROM 'number' THEN RETURN false; END IF;
      RETURN v::numeric = trunc(v::numeric) AND v::numeric BETWEEN lo AND hi;
    END
    $fn$;

    -- A JSON number in [lo, hi].
    CREATE FUNCTION team.op_is_number(v jsonb, lo numeric, hi numeric) RETURNS boolean
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
      SELECT CASE WHEN jsonb_typeof(v) = 'number' THEN v::numeric BETWEEN lo AND hi ELSE false END
    $fn$;

    -- A JSON string of lo..hi characters.
    CREATE FUNCTION team.op_is_text(v jsonb, lo integer, hi integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
      SELECT CASE WHEN jsonb_typeof(v) = 'string' THEN length(v #>> '{}') BETWEEN lo AND hi ELSE false END
    $fn$;

    -- Why one field of an op is wrong (the sentence's predicate), or NULL when it is right.
    CREATE FUNCTION team.op_field_problem(p_entity text, p_field text, v jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_null boolean := v = 'null'::jsonb;
    BEGIN
      CASE p_entity || '.' || p_field
        WHEN 'review.verdict' THEN
          IF v_null OR v IN ('"pass"', '"fail"', '"follow_up"') THEN RETURN NULL; END IF;
          RETURN 'must be pass, fail, follow_up or null';
        WHEN 'review.score' THEN
          IF v_null OR team.op_is_number(v, 0, 100) THEN RETURN NULL; END IF;
          RETURN 'must be a number from 0 to 100 or null';
        WHEN 'review.note' THEN
          IF team.op_is_text(v, 0, 20000) THEN RETURN NULL; END IF;
          RETURN 'must be a text of at most 20000 characters';
        WHEN 'review.tags' THEN
          IF jsonb_typeof(v) = 'array' AND jsonb_array_length(v) <= 50
             AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v) t WHERE NOT team.op_is_text(t, 1, 64)) THEN
            RETURN NULL;
          END IF;
          RETURN 'must be an array of at most 50 tags of 1 to 64 characters';
        WHEN 'comment.atMs' THEN
          IF team.op_is_int(v, 0, 86400000) THEN RETURN NULL; END IF;
          RETURN 'must be a whole number of milliseconds from 0 to 86400000';
        WHEN 'comment.endMs' THEN
          IF v_null OR team.op_is_int(v, 0, 86400000) THEN RETURN NULL; END IF;
          RETURN 'must be a whole number of milliseconds from 0 to 86400000 or null';
        WHEN 'comment.lineIndex' THEN
          IF v_null OR team.op_is_int(v, 0, 100000) THEN RETURN NULL; END IF;
          RETURN 'must be a line index from 0 to 100000 or null';
        WHEN 'comment.text' THEN
          IF team.op_is_text(v, 0, 4000) THEN RETURN NULL; END IF;
          RETURN 'must be a text of at most 4000 characters';
        WHEN 'comment.category' THEN
          IF v_null OR team.op_is_text(v, 0, 40) THEN RETURN NULL; END IF;
          RETURN 'must be a text of at most 40 characters or null';
        WHEN 'comment.createdAt' THEN
          IF team.op_is_text(v, 1, 40) THEN RETURN NULL; END IF;
          RETURN 'must be a text of 1 to 40 characters';
        WHEN 'tag_check.robotValue' THEN
          IF team.op_is_text(v, 0, 200) THEN RETURN NULL; END IF;
          RETURN 'must be a text of at most 200 characters';
        WHEN 'tag_check.status' THEN
          IF v IN ('"confirmed"', '"corrected"', '"missed"') THEN RETURN NULL; END IF;
          RETURN 'must be confirmed, corrected or missed';
        WHEN 'tag_check.correctedValue' THEN
          IF v_null OR team.op_is_text(v, 0, 200) THEN RETURN NULL; END IF;
          RETURN 'must be a text of at most 200 characters or null';
        WHEN 'tag_check.removed' THEN
          IF jsonb_typeof(v) = 'boolean' THEN RETURN NULL; END IF;
          RETURN 'must be true or false';
        ELSE
          RETURN format('is not a field of a %s op', p_entity);
      END CASE;
    END
    $fn$;

    -- Why an op cannot be applied, or NULL. Checks its shape only; apply_ops checks the call.
    CREATE FUNCTION team.op_problem(p_op jsonb) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    DECLARE
      v_entity  text := p_op ->> 'entity';
      v_allowed text[];
      v_unknown text;
      v_key_max integer;
      v_field   text;
      v_value   jsonb;
      v_problem text;
    BEGIN
      IF jsonb_typeof(p_op) IS DISTINCT FROM 'object' THEN RETURN 'an op must be a JSON object'; END IF;
      IF jsonb_typeof(p_op -> 'entity') IS DISTINCT FROM 'string' OR v_entity NOT IN ('review', 'comment', 'tag_check') THEN
        RETURN 'entity must be review, comment or tag_check';
      END IF;
      v_allowed := CASE v_entity
        WHEN 'review' THEN '{opId,callId,sessionId,hlc,entity,fields}'
        WHEN 'comment' THEN '{opId,callId,sessionId,hlc,entity,fields,key,deleted}'
        ELSE '{opId,callId,sessionId,hlc,entity,fields,key}' END;
      SELECT string_agg(k, ', ' ORDER BY k) INTO v_unknown FROM jsonb_object_keys(p_op) k WHERE k <> ALL (v_allowed);
      IF v_unknown IS NOT NULL THEN RETURN format('a %s op has no key %s', v_entity, v_unknown); END IF;
      IF NOT team.op_is_text(p_op -> 'opId', 36, 36)
         OR (p_op ->> 'opId') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        RETURN 'opId must be a UUID';
      END IF;
      IF NOT team.op_is_int(p_op -> 'callId', 1, 9007199254740991) THEN
        RETURN 'callId must be a positive whole number';
      END IF;
      IF coalesce(p_op -> 'sessionId', 'null') <> 'null' THEN
        RETURN 'sessionId must be null: calibration grades go through submit_calibration, not apply_ops';
      END IF;
      IF NOT team.op_is_text(p_op -> 'hlc', 23, 87) OR (p_op ->> 'hlc') !~ '^[0-9]{15}-[0-9]{6}-[A-Za-z0-9-]{1,64}$' THEN
        RETURN 'hlc must be 15 digits, 6 digits and a device id (000001733356800000-000000-device)';
      END IF;
      IF v_entity <> 'review' THEN
        v_key_max := CASE v_entity WHEN 'comment' THEN 64 ELSE 200 END;
        IF NOT team.op_is_text(p_op -> 'key', 1, v_key_max) THEN
          RETURN format('key must be a text of 1 to %s characters', v_key_max);
        END IF;
      END IF;
      IF coalesce(jsonb_typeof(p_op -> 'deleted'), 'boolean') <> 'boolean' THEN
        RETURN 'deleted must be true or false';
      END IF;
      IF jsonb_typeof(p_op -> 'fields') IS DISTINCT FROM 'object' THEN RETURN 'fields must be an object'; END IF;
      FOR v_field, v_value IN SELECT key, value FROM jsonb_each(p_op -> 'fields') LOOP
        v_problem := team.op_field_problem(v_entity, v_field, v_value);
        IF v_problem IS NOT NULL THEN RETURN format('fields.%s %s', v_field, v_problem); END IF;
      END LOOP;
      RETURN NULL;
    END
    $fn$;
`
