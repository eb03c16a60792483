import type { Migration } from './migration'

// The tables of team reviews, as the contract the write path (apply_ops), the change feed and
// calibration build on. Nobody has write grants here: every write is a SECURITY DEFINER function
// in a later migration. Per-field clocks are hybrid logical clock strings (sync/hlc.ts), compared
// as text. See sync/contract.ts for the ops that fill these rows.
export const migration4: Migration = {
  version: 4,
  name: 'team reviews: review, review_comment, tag_correction, device, applied_op, change_log, audit',
  sql: `
    -- A member's devices: the outbox of each pushes under its id.
    CREATE TABLE team.device (
      id          text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9-]{1,64}$'),
      member      text NOT NULL REFERENCES team.member (name),
      first_seen  timestamptz NOT NULL DEFAULT now(),
      last_seen   timestamptz NOT NULL DEFAULT now()
    );

    -- One review per call, author and context: a normal review (session_id NULL) or a grade in a
    -- calibration session. \`clocks\` maps each field (verdict, score, note, tags) to the HLC of
    -- the write that set it: last writer wins per field.
    CREATE TABLE team.review (
      id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      call_id          bigint NOT NULL REFERENCES team.call (call_id),
      author           text NOT NULL REFERENCES team.member (name),
      session_id       bigint,
      verdict          text CHECK (verdict IN ('pass', 'fail', 'follow_up')),
      score            real CHECK (score BETWEEN 0 AND 100),
      note             text NOT NULL DEFAULT '' CHECK (length(note) <= 20000),
      tags             jsonb NOT NULL DEFAULT '[]',
      clocks           jsonb NOT NULL DEFAULT '{}',
      -- Set when the review was written while its author held no open lease on the call (an
      -- expired lease someone else reclaimed): kept, and shown to the lead.
      off_lease        boolean NOT NULL DEFAULT false,
      -- Calibration grades freeze at reveal; a frozen review takes no more writes.
      frozen_at        timestamptz,
      created_at       timestamptz NOT NULL DEFAULT now(),
      updated_at       timestamptz NOT NULL DEFAULT now(),
      UNIQUE NULLS NOT DISTINCT (call_id, author, session_id)
    );
    CREATE INDEX review_author ON team.review (author);
    CREATE INDEX review_session ON team.review (session_id) WHERE session_id IS NOT NULL;

    -- Timed comments: a set keyed by the client's comment id; a delete wins (deleted_at stays set).
    CREATE TABLE team.review_comment (
      review_id   bigint NOT NULL REFERENCES team.review (id) ON DELETE CASCADE,
      comment_id  text NOT NULL CHECK (length(comment_id) BETWEEN 1 AND 64),
      at_ms       integer NOT NULL CHECK (at_ms >= 0),
      end_ms      integer CHECK (end_ms IS NULL OR end_ms >= at_ms),
      line_index  integer,
      text        text NOT NULL DEFAULT '' CHECK (length(text) <= 4000),
      category    text,
      created_at  text NOT NULL,
      clocks      jsonb NOT NULL DEFAULT '{}',
      deleted_at  timestamptz,
      PRIMARY KEY (review_id, comment_id)
    );

    -- The reviewer's check of one result tag (TagCheck): last writer wins per field; a removed
    -- check is a row with removed = true (its clock decides against a later re-check).
    CREATE TABLE team.tag_correction (
      review_id        bigint NOT NULL REFERENCES team.review (id) ON DELETE CASCADE,
      name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      robot_value      text NOT NULL DEFAULT '',
      status           text NOT NULL CHECK (status IN ('confirmed', 'corrected', 'missed')),
      corrected_value  text,
      removed          boolean NOT NULL DEFAULT false,
      clocks           jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (review_id, name)
    );

    -- Op ids the server has applied: a replayed op (after a crash or a timeout) changes nothing.
    CREATE TABLE team.applied_op (
      op_id       uuid PRIMARY KEY,
      device_id   text NOT NULL REFERENCES team.device (id),
      applied_at  timestamptz NOT NULL DEFAULT now()
    );

    -- The change feed: one row per changed entity, appended by triggers; read with a
    -- (txid, seq) cursor below pg_snapshot_xmin so a transaction committing late is never skipped.
    CREATE TABLE team.change_log (
      txid       xid8 NOT NULL DEFAULT pg_current_xact_id(),
      seq        bigint GENERATED ALWAYS AS IDENTITY,
      member     text NOT NULL,
      call_id    bigint NOT NULL,
      entity     text NOT NULL CHECK (entity IN ('review', 'comment', 'tag_check', 'assignment')),
      entity_key text,
      row        jsonb NOT NULL,
      at         timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (txid, seq)
    );
    CREATE INDEX change_log_member ON team.change_log (member, txid, seq);

    -- Append-only history of every write (and every losing note text), by trigger.
    CREATE TABLE team.audit (
      id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at      timestamptz NOT NULL DEFAULT now(),
      actor   text NOT NULL DEFAULT session_user,
      action  text NOT NULL,
      call_id bigint,
      detail  jsonb NOT NULL DEFAULT '{}'
    );

    GRANT SELECT ON team.device, team.review, team.review_comment, team.tag_correction TO reviewer, lead;
    GRANT SELECT ON team.audit TO lead;
    ALTER TABLE team.device ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.review ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.review_comment ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.tag_correction ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.applied_op ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.change_log ENABLE ROW LEVEL SECURITY;
    ALTER TABLE team.audit ENABLE ROW LEVEL SECURITY;

    CREATE POLICY device_read ON team.device FOR SELECT
      USING (member = current_user OR pg_has_role(current_user, 'lead', 'MEMBER'));
    -- A reviewer sees their own reviews; a lead sees the team's. (Calibration widens this after
    -- reveal, in its own migration.)
    CREATE POLICY review_read ON team.review FOR SELECT
      USING (author = current_user OR pg_has_role(current_user, 'lead', 'MEMBER'));
    CREATE POLICY review_comment_read ON team.review_comment FOR SELECT
      USING (EXISTS (SELECT 1 FROM team.review r WHERE r.id = review_comment.review_id));
    CREATE POLICY tag_correction_read ON team.tag_correction FOR SELECT
      USING (EXISTS (SELECT 1 FROM team.review r WHERE r.id = tag_correction.review_id));
    CREATE POLICY audit_read ON team.audit FOR SELECT USING (pg_has_role(current_user, 'lead', 'MEMBER'));
  `,
}
