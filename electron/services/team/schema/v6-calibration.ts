import type { Migration } from './migration'
import { CALIBRATION_AGREEMENT_SQL } from './v6-agreement'
import { CALIBRATION_GRADES_SQL } from './v6-grades'
import { LEAD_VIEWS_SQL } from './v6-lead-views'

// Blind calibration and the lead's views. A lead creates a session (calls × participants); each
// participant grades every call as a team.review with the session's id, seeing nobody else's grade
// until the lead reveals the session, which freezes all of them. Agreement, progress, overdue
// leases and the robot's tag accuracy are computed here, on the server, for the lead.
const CALIBRATION_TABLES_SQL = `
    CREATE TABLE team.calibration_session (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- The campaign of the session's calls when they all belong to one; NULL otherwise.
      campaign_id  bigint REFERENCES team.campaign (id),
      name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_by   text NOT NULL REFERENCES team.member (name),
      due_at       timestamptz NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      revealed_at  timestamptz
    );

    CREATE TABLE team.calibration_item (
      session_id  bigint NOT NULL REFERENCES team.calibration_session (id),
      call_id     bigint NOT NULL REFERENCES team.call (call_id),
      PRIMARY KEY (session_id, call_id)
    );
    CREATE INDEX calibration_item_call ON team.calibration_item (call_id);

    CREATE TABLE team.calibration_participant (
      session_id  bigint NOT NULL REFERENCES team.calibration_session (id),
      member      text NOT NULL REFERENCES team.member (name),
      PRIMARY KEY (session_id, member)
    );
    CREATE INDEX calibration_participant_member ON team.calibration_participant (member);

    -- A grade belongs to a call of its session (a normal review's NULL session skips the check).
    ALTER TABLE team.review ADD CONSTRAINT review_calibration_item
      FOREIGN KEY (session_id, call_id) REFERENCES team.calibration_item (session_id, call_id);
    -- Which session gave a calibration assignment, so reveal closes exactly that session's.
    ALTER TABLE team.assignment ADD COLUMN session_id bigint REFERENCES team.calibration_session (id);

    GRANT SELECT ON team.calibration_session, team.calibration_item, team.calibration_participant TO reviewer, lead;
    ALTER TABLE team.calibration_session ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.calibration_item ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.calibration_participant ENABLE ROW LEVEL SECURITY;

    -- A participant sees their own participation, their sessions and those sessions' calls; a lead
    -- sees all. (Who else takes part is not shown to a participant: it is not theirs to know.)
    CREATE POLICY calibration_participant_read ON team.calibration_participant FOR SELECT
      USING (member = current_user OR pg_has_role(current_user, 'lead', 'MEMBER'));
    CREATE POLICY calibration_session_read ON team.calibration_session FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.calibration_participant p
                    WHERE p.session_id = calibration_session.id AND p.member = current_user));
    CREATE POLICY calibration_item_read ON team.calibration_item FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.calibration_participant p
                    WHERE p.session_id = calibration_item.session_id AND p.member = current_user));

    -- Blind until reveal: a participant sees a peer's grade (and through it its comments and tag
    -- checks, whose policies follow team.review) only once the session is revealed.
    DROP POLICY review_read ON team.review;
    CREATE POLICY review_read ON team.review FOR SELECT
      USING (author = current_user OR pg_has_role(current_user, 'lead', 'MEMBER')
        OR (session_id IS NOT NULL AND EXISTS (
              SELECT 1 FROM team.calibration_session s JOIN team.calibration_participant p ON p.session_id = s.id
               WHERE s.id = review.session_id AND s.revealed_at IS NOT NULL AND p.member = current_user)));

    -- A calibration assignment (open until reveal) already lets its participant read the call
    -- through v3's policies; after reveal the participant keeps reading the session's calls to
    -- compare the grades side by side.
    DROP POLICY call_read ON team.call;
    CREATE POLICY call_read ON team.call FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = call.call_id AND a.assignee = current_user AND a.state = 'open')
        OR EXISTS (SELECT 1 FROM team.calibration_item i JOIN team.calibration_participant p ON p.session_id = i.session_id
                    WHERE i.call_id = call.call_id AND p.member = current_user));
    DROP POLICY task_read ON team.task;
    CREATE POLICY task_read ON team.task FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a JOIN team.call c ON c.call_id = a.call_id
                    WHERE c.call_job_id = task.call_job_id AND a.assignee = current_user AND a.state = 'open')
        OR EXISTS (SELECT 1 FROM team.calibration_item i
                     JOIN team.calibration_participant p ON p.session_id = i.session_id
                     JOIN team.call c ON c.call_id = i.call_id
                    WHERE c.call_job_id = task.call_job_id AND p.member = current_user));
    DROP POLICY call_result_read ON team.call_result;
    CREATE POLICY call_result_read ON team.call_result FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = call_result.call_id AND a.assignee = current_user AND a.state = 'open')
        OR EXISTS (SELECT 1 FROM team.calibration_item i JOIN team.calibration_participant p ON p.session_id = i.session_id
                    WHERE i.call_id = call_result.call_id AND p.member = current_user));
    DROP POLICY transcript_line_read ON team.transcript_line;
    CREATE POLICY transcript_line_read ON team.transcript_line FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = transcript_line.call_id AND a.assignee = current_user AND a.state = 'open')
        OR EXISTS (SELECT 1 FROM team.calibration_item i JOIN team.calibration_participant p ON p.session_id = i.session_id
                    WHERE i.call_id = transcript_line.call_id AND p.member = current_user));

    -- Refuses (42501) unless the caller (session_user: the member's login) is a lead of this team.
    -- Called only from inside the SECURITY DEFINER functions below.
    CREATE FUNCTION team.assert_lead(p_what text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM team.member WHERE name = session_user AND kind = 'lead') THEN
        RAISE EXCEPTION '%: % is not a lead of this team', p_what, session_user USING ERRCODE = '42501';
      END IF;
    END
    $fn$;
    REVOKE ALL ON FUNCTION team.assert_lead(text) FROM PUBLIC;
`

export const migration6: Migration = {
  version: 6,
  name: 'blind calibration (sessions, grades, reveal, agreement) and the lead views (progress, overdue leases, tag accuracy)',
  sql: CALIBRATION_TABLES_SQL + CALIBRATION_GRADES_SQL + CALIBRATION_AGREEMENT_SQL + LEAD_VIEWS_SQL,
}
