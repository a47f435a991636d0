-- Fleet access (docs/architecture.md, "Who may see and command what").
--
-- A fleet is a named group of targets; a target may be in many.
CREATE TABLE fleets (
  id         text PRIMARY KEY,
  seq        bigserial NOT NULL UNIQUE,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);
CREATE TABLE fleet_targets (
  fleet_id  text NOT NULL REFERENCES fleets (id) ON DELETE CASCADE,
  target_id text NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  added_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (fleet_id, target_id)
);
CREATE INDEX fleet_targets_target ON fleet_targets (target_id, fleet_id);

-- A grant gives one user a role on a target or on a fleet, for a window
-- (either bound open). It has an identity: the same (user, target or fleet,
-- role, window) is one grant; another window is another grant.
ALTER TABLE grants DROP CONSTRAINT grants_pkey;
ALTER TABLE grants
  ADD COLUMN id text,
  ADD COLUMN seq bigserial,
  ADD COLUMN fleet_id text REFERENCES fleets (id) ON DELETE CASCADE,
  ADD COLUMN role text NOT NULL DEFAULT 'OPERATOR',
  ADD COLUMN valid_from timestamptz,
  ADD COLUMN valid_until timestamptz,
  ADD COLUMN reason text;
UPDATE grants SET id = 'grt_' || gen_random_uuid();
ALTER TABLE grants ALTER COLUMN id SET NOT NULL, ALTER COLUMN id SET DEFAULT 'grt_' || gen_random_uuid();
ALTER TABLE grants ADD PRIMARY KEY (id);
ALTER TABLE grants ALTER COLUMN target_id DROP NOT NULL;
ALTER TABLE grants ADD CONSTRAINT grants_role_check CHECK (role IN ('VIEWER', 'OPERATOR', 'SUPERVISOR'));
ALTER TABLE grants ADD CONSTRAINT grants_one_subject CHECK ((target_id IS NULL) <> (fleet_id IS NULL));
ALTER TABLE grants ADD CONSTRAINT grants_window CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until);
ALTER TABLE grants ADD CONSTRAINT grants_identity
  UNIQUE NULLS NOT DISTINCT (user_id, target_id, fleet_id, role, valid_from, valid_until);
CREATE INDEX grants_fleet ON grants (fleet_id, user_id) WHERE fleet_id IS NOT NULL;
CREATE INDEX grants_user_fleet ON grants (user_id, fleet_id) WHERE fleet_id IS NOT NULL;
CREATE INDEX grants_target ON grants (target_id) WHERE target_id IS NOT NULL;
CREATE INDEX grants_expiry ON grants (valid_until) WHERE valid_until IS NOT NULL;

-- The grant rule, once. `grants_in_force`: the grants inside their window
-- now. `access`: who holds which role on which target now, through a grant
-- on the target or on a fleet it is in. Every read path, the command insert,
-- the feed and the re-check of live streams ask these views (through
-- store/access.ts); a user's rights on a target are the union of its rows.
CREATE VIEW grants_in_force AS
  SELECT * FROM grants g
  WHERE (g.valid_from IS NULL OR g.valid_from <= now()) AND (g.valid_until IS NULL OR g.valid_until > now());
CREATE VIEW access AS
  SELECT g.user_id, g.target_id, g.role FROM grants_in_force g WHERE g.target_id IS NOT NULL
  UNION ALL
  SELECT g.user_id, ft.target_id, g.role FROM grants_in_force g JOIN fleet_targets ft ON ft.fleet_id = g.fleet_id;

-- Access that changes, however it changes (a grant or revoke, an expiry
-- swept, a target joining or leaving a fleet, a fleet deleted, an operator's
-- SQL), is announced on commit: each replica then checks the live streams it
-- concerns against the rule again, ending those no longer covered, and
-- refreshes which targets its feeds show every execution of.
CREATE OR REPLACE FUNCTION notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An UPDATE (an operator's SQL: a role or a window changed) announces the row as it was and as it is.
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    IF TG_TABLE_NAME = 'grants' THEN
      PERFORM pg_notify('grant_revoked', json_build_object('userId', OLD.user_id, 'targetId', OLD.target_id)::text);
    ELSE
      PERFORM pg_notify('grant_revoked', json_build_object('targetId', OLD.target_id)::text);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF TG_TABLE_NAME = 'grants' THEN
      PERFORM pg_notify('grant_revoked', json_build_object('userId', NEW.user_id, 'targetId', NEW.target_id)::text);
    ELSE
      PERFORM pg_notify('grant_revoked', json_build_object('targetId', NEW.target_id)::text);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
DROP TRIGGER grants_revoked ON grants;
DROP FUNCTION notify_grant_revoked();
CREATE TRIGGER grants_changed AFTER INSERT OR UPDATE OR DELETE ON grants
  FOR EACH ROW EXECUTE FUNCTION notify_access_changed();
CREATE TRIGGER fleet_targets_changed AFTER INSERT OR UPDATE OR DELETE ON fleet_targets
  FOR EACH ROW EXECUTE FUNCTION notify_access_changed();
