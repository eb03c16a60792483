import type { Migration } from './migration'

// A reviewer keeps the calls they finished. Until v7 a reviewer read a call's catalogue rows only
// while their assignment was open, so the verdict that closed it (apply_ops marks it done) took
// the call off their desktop at the next pull, under the open review page. Now an assignment the
// member finished counts like an open one for reading (released and expired ones still do not);
// the claim cap and the claims themselves are unchanged.
export const migration8: Migration = {
  version: 8,
  name: 'a reviewer keeps reading the calls they finished',
  sql: `
    DROP POLICY call_read ON team.call;
    CREATE POLICY call_read ON team.call FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = call.call_id AND a.assignee = current_user AND a.state IN ('open', 'done'))
        OR EXISTS (SELECT 1 FROM team.calibration_item i JOIN team.calibration_participant p ON p.session_id = i.session_id
                    WHERE i.call_id = call.call_id AND p.member = current_user));
    DROP POLICY task_read ON team.task;
    CREATE POLICY task_read ON team.task FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a JOIN team.call c ON c.call_id = a.call_id
                    WHERE c.call_job_id = task.call_job_id AND a.assignee = current_user AND a.state IN ('open', 'done'))
        OR EXISTS (SELECT 1 FROM team.calibration_item i
                     JOIN team.calibration_participant p ON p.session_id = i.session_id
                     JOIN team.call c ON c.call_id = i.call_id
                    WHERE c.call_job_id = task.call_job_id AND p.member = current_user));
    DROP POLICY call_result_read ON team.call_result;
    CREATE POLICY call_result_read ON team.call_result FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = call_result.call_id AND a.assignee = current_user AND a.state IN ('open', 'done'))
        OR EXISTS (SELECT 1 FROM team.calibration_item i JOIN team.calibration_participant p ON p.session_id = i.session_id
                    WHERE i.call_id = call_result.call_id AND p.member = current_user));
    DROP POLICY transcript_line_read ON team.transcript_line;
    CREATE POLICY transcript_line_read ON team.transcript_line FOR SELECT
      USING (pg_has_role(current_user, 'lead', 'MEMBER') OR pg_has_role(current_user, 'sync_host', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a
                    WHERE a.call_id = transcript_line.call_id AND a.assignee = current_user AND a.state IN ('open', 'done'))
        OR EXISTS (SELECT 1 FROM team.calibration_item i JOIN team.calibration_participant p ON p.session_id = i.session_id
                    WHERE i.call_id = transcript_line.call_id AND p.member = current_user));
  `,
}
