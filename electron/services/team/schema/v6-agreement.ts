// Migration 6, part 3: how far a calibration session's participants agree, computed on the server.
//
// Measures: 'verdict' (each participant's verdict of a call) and 'tag' per result name (the value
// the participant settled on for that name: the robot's when confirmed, the corrected value
// otherwise — reviewerValue() in shared/insight/tag-accuracy.ts; removed checks do not count).
// For each pair of participants (rater_a < rater_b by name), the items are the calls both rated
// on that measure: percent = agreeing / items, and Cohen's kappa = (po − pe) / (1 − pe) with pe
// from the two raters' marginals over those same items; kappa is NULL when pe = 1 (both gave one
// and the same value to every item, where kappa is undefined). The overall row of a measure
// (rater_a and rater_b NULL) has items = calls rated by at least two participants, percent = the
// mean of the pairs' percents, and kappa = the mean of the pairs' defined kappas (Light's kappa,
// the usual extension of Cohen's to more than two raters); agreeing is NULL there. Pairs with no
// call in common give no row.
export const CALIBRATION_AGREEMENT_SQL = `
    CREATE FUNCTION team.calibration_agreement(p_session bigint)
    RETURNS TABLE (measure text, tag_name text, rater_a text, rater_b text, items integer, agreeing integer,
                   percent double precision, kappa double precision)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    #variable_conflict use_column
    DECLARE
      v_session team.calibration_session;
    BEGIN
      SELECT * INTO v_session FROM team.calibration_session s WHERE s.id = p_session;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'calibration_agreement: there is no calibration session %', p_session USING ERRCODE = '22023';
      END IF;
      -- Blind: before reveal only a lead sees how the grades compare.
      IF NOT EXISTS (SELECT 1 FROM team.member m WHERE m.name = session_user AND m.kind = 'lead') THEN
        IF NOT EXISTS (SELECT 1 FROM team.calibration_participant p WHERE p.session_id = p_session AND p.member = session_user) THEN
          RAISE EXCEPTION 'calibration_agreement: % is not a participant of calibration session %', session_user, p_session
            USING ERRCODE = '42501';
        END IF;
        IF v_session.revealed_at IS NULL THEN
          RAISE EXCEPTION 'calibration_agreement: calibration session % is not revealed yet', p_session USING ERRCODE = '42501';
        END IF;
      END IF;
      RETURN QUERY
      WITH ratings AS (
        SELECT 'verdict'::text AS m, ''::text AS k, r.call_id, r.author AS rater, r.verdict AS v
          FROM team.review r WHERE r.session_id = p_session AND r.verdict IS NOT NULL
        UNION ALL
        SELECT 'tag', t.name, r.call_id, r.author,
               CASE WHEN t.status = 'confirmed' THEN t.robot_value ELSE coalesce(t.corrected_value, '') END
          FROM team.review r JOIN team.tag_correction t ON t.review_id = r.id
         WHERE r.session_id = p_session AND NOT t.removed
      ), paired AS (
        SELECT a.m, a.k, a.rater AS ra, b.rater AS rb, a.call_id, a.v AS va, b.v AS vb
          FROM ratings a JOIN ratings b ON b.m = a.m AND b.k = a.k AND b.call_id = a.call_id AND a.rater < b.rater
      ), counts AS (
        SELECT m, k, ra, rb, count(*)::integer AS n, (count(*) FILTER (WHERE va = vb))::integer AS agree
          FROM paired GROUP BY m, k, ra, rb
      ), margin_a AS (
        SELECT m, k, ra, rb, va AS v, count(*) AS na FROM paired GROUP BY m, k, ra, rb, va
      ), margin_b AS (
        SELECT m, k, ra, rb, vb AS v, count(*) AS nb FROM paired GROUP BY m, k, ra, rb, vb
      ), chance AS (
        SELECT c.m, c.k, c.ra, c.rb,
               coalesce(sum(a.na * b.nb), 0)::double precision / (c.n::double precision * c.n) AS pe
          FROM counts c
          LEFT JOIN margin_a a ON a.m = c.m AND a.k = c.k AND a.ra = c.ra AND a.rb = c.rb
          LEFT JOIN margin_b b ON b.m = c.m AND b.k = c.k AND b.ra = c.ra AND b.rb = c.rb AND b.v = a.v
         GROUP BY c.m, c.k, c.ra, c.rb, c.n
      ), pairs AS (
        SELECT c.m, c.k, c.ra, c.rb, c.n, c.agree, c.agree::double precision / c.n AS po,
               CASE WHEN h.pe < 1 THEN (c.agree::double precision / c.n - h.pe) / (1 - h.pe) END AS kappa
          FROM counts c JOIN chance h ON h.m = c.m AND h.k = c.k AND h.ra = c.ra AND h.rb = c.rb
      ), overall AS (
        SELECT p.m, p.k, NULL::text AS ra, NULL::text AS rb,
               (SELECT count(*)::integer FROM (SELECT 1 FROM ratings x WHERE x.m = p.m AND x.k = p.k
                  GROUP BY x.call_id HAVING count(*) >= 2) rated) AS n,
               NULL::integer AS agree, avg(p.po) AS po, avg(p.kappa) AS kappa
          FROM pairs p GROUP BY p.m, p.k
      )
      SELECT u.m, nullif(u.k, ''), u.ra, u.rb, u.n, u.agree, u.po, u.kappa
        FROM (SELECT * FROM overall UNION ALL SELECT * FROM pairs) u
       ORDER BY u.m = 'tag', u.k, u.ra NULLS FIRST, u.rb;
    END
    $fn$;
    REVOKE ALL ON FUNCTION team.calibration_agreement(bigint) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION team.calibration_agreement(bigint) TO reviewer, lead;
`
