-- A grant that disappears, however it goes (revokeAccess, a target deleted
-- with its grants, an operator's DELETE), is announced on commit, so every
-- replica ends the live streams that user holds on that target at once.
CREATE FUNCTION notify_grant_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('grant_revoked', json_build_object('targetId', OLD.target_id, 'userId', OLD.user_id)::text);
  RETURN OLD;
END
$$;
CREATE TRIGGER grants_revoked AFTER DELETE ON grants FOR EACH ROW EXECUTE FUNCTION notify_grant_revoked();

-- Changes made while a replica's LISTEN connection was down are found by time
-- when it comes back (commandExecutionsUpdated's resync).
CREATE INDEX execution_transitions_at ON execution_transitions (at);
