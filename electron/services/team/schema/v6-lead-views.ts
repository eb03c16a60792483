// Migration 6, part 4: the lead's views, as functions only a lead may call (EXECUTE granted to
// lead, and team.assert_lead inside). They read across the team, which RLS would not let a
// reviewer do, and only count: no grade or note leaves them.
//
// tag_accuracy follows the solo Insights page (shared/insight/tag-accuracy.ts) over the team's
// normal reviews: each non-removed check is one judgement; a missed check counts as checked and
// not confirmed; accuracy = confirmed / checked with its 95 % Wilson interval (shared/insight/wilson.ts).
export const LEAD_VIEWS_SQL = `
    -- Per reviewer and campaign: their normal assignments by state (open ones split into those
    -- still leased and those whose lease ran out), their normal reviews with a verdict, and how
    -- many of those were written off-lease. Only pairs with some assignment or review appear.
    CREATE FUNCTION team.progress()
    RETURNS TABLE (member text, campaign_id bigint, campaign text, open integer, overdue integer, done integer,
                   expired integer, released integer, reviewed integer, off_lease integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    #variable_conflict use_column
    BEGIN
      PERFORM team.assert_lead('progress');
      RETURN QUERY
      WITH work AS (
        SELECT a.assignee AS who, t.campaign_id AS cid,
               (a.state = 'open' AND a.lease_until > now())::integer AS open,
               (a.state = 'open' AND a.lease_until <= now())::integer AS overdue,
               (a.state = 'done')::integer AS done, (a.state = 'expired')::integer AS expired,
               (a.state = 'released')::integer AS released, 0 AS reviewed, 0 AS off_lease
          FROM team.assignment a JOIN team.call c ON c.call_id = a.call_id JOIN team.task t ON t.call_job_id = c.call_job_id
         WHERE a.kind = 'normal'
        UNION ALL
        SELECT r.author, t.campaign_id, 0, 0, 0, 0, 0, (r.verdict IS NOT NULL)::integer,
               (r.verdict IS NOT NULL AND r.off_lease)::integer
          FROM team.review r JOIN team.call c ON c.call_id = r.call_id JOIN team.task t ON t.call_job_id = c.call_job_id
         WHERE r.session_id IS NULL
      )
      SELECT w.who, w.cid, cp.name, sum(w.open)::integer, sum(w.overdue)::integer, sum(w.done)::integer,
             sum(w.expired)::integer, sum(w.released)::integer, sum(w.reviewed)::integer, sum(w.off_lease)::integer
        FROM work w LEFT JOIN team.campaign cp ON cp.id = w.cid
       GROUP BY w.who, w.cid, cp.name
       ORDER BY w.who, w.cid NULLS LAST;
    END
    $fn$;

    -- Open normal assignments whose lease has run out (nobody reclaimed them yet), oldest first.
    CREATE FUNCTION team.overdue_leases()
    RETURNS TABLE (assignment_id bigint, call_id bigint, assignee text, campaign_id bigint, claimed_at timestamptz,
                   lease_until timestamptz, overdue_sec integer)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    #variable_conflict use_column
    BEGIN
      PERFORM team.assert_lead('overdue_leases');
      RETURN QUERY
      SELECT a.id, a.call_id, a.assignee, t.campaign_id, a.claimed_at, a.lease_until,
             floor(extract(epoch FROM now() - a.lease_until))::integer
        FROM team.assignment a JOIN team.call c ON c.call_id = a.call_id JOIN team.task t ON t.call_job_id = c.call_job_id
       WHERE a.kind = 'normal' AND a.state = 'open' AND a.lease_until <= now()
       ORDER BY a.lease_until, a.id;
    END
    $fn$;

    -- The robot's tag accuracy per result name over the whole team's normal-review checks, in
    -- one campaign (or all when p_campaign is NULL).
    CREATE FUNCTION team.tag_accuracy(p_campaign bigint)
    RETURNS TABLE (name text, checked integer, confirmed integer, corrected integer, missed integer,
                   accuracy double precision, accuracy_low double precision, accuracy_high double precision)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    #variable_conflict use_column
    DECLARE
      z constant double precision := 1.959963984540054;
    BEGIN
      PERFORM team.assert_lead('tag_accuracy');
      IF p_campaign IS NOT NULL AND NOT EXISTS (SELECT 1 FROM team.campaign cp WHERE cp.id = p_campaign) THEN
        RAISE EXCEPTION 'tag_accuracy: there is no campaign %', p_campaign USING ERRCODE = '22023';
      END IF;
      RETURN QUERY
      WITH counts AS (
        SELECT tc.name AS n, count(*)::integer AS checked,
               (count(*) FILTER (WHERE tc.status = 'confirmed'))::integer AS confirmed,
               (count(*) FILTER (WHERE tc.status = 'corrected'))::integer AS corrected,
               (count(*) FILTER (WHERE tc.status = 'missed'))::integer AS missed
          FROM team.tag_correction tc
          JOIN team.review r ON r.id = tc.review_id
          JOIN team.call c ON c.call_id = r.call_id JOIN team.task t ON t.call_job_id = c.call_job_id
         WHERE r.session_id IS NULL AND NOT tc.removed AND (p_campaign IS NULL OR t.campaign_id = p_campaign)
         GROUP BY tc.name
      ), wilson AS (
        SELECT k.*, k.confirmed::double precision / k.checked AS p, z * z / k.checked AS z2n FROM counts k
      ), bounds AS (
        SELECT w.*, (w.p + w.z2n / 2) / (1 + w.z2n) AS centre,
               z * sqrt(w.p * (1 - w.p) / w.checked + w.z2n / (4 * w.checked)) / (1 + w.z2n) AS half
          FROM wilson w
      )
      SELECT b.n, b.checked, b.confirmed, b.corrected, b.missed, b.p,
             CASE WHEN b.confirmed <= 0 THEN 0 ELSE greatest(0, b.centre - b.half) END,
             CASE WHEN b.confirmed >= b.checked THEN 1 ELSE least(1, b.centre + b.half) END
        FROM bounds b
       ORDER BY b.n COLLATE "C";
    END
    $fn$;

    REVOKE ALL ON FUNCTION team.progress(), team.overdue_leases(), team.tag_accuracy(bigint) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION team.progress(), team.overdue_leases(), team.tag_accuracy(bigint) TO lead;
`
