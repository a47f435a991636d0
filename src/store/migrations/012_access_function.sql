-- The grant rule's single-row question — does this user hold one of these
-- roles on this target now? — as a function over the `access` view
-- (migration 009), for the statements that ask it of one row: the command's
-- insert, the row a write answers, the guards of a turn and of an approval.
-- PL/pgSQL plans its query once per connection; the embedded store, which
-- plans every statement it is sent, would otherwise plan the view's union in
-- each of them. Lists and batches still read the view, which the planner
-- can join.
CREATE FUNCTION access_holds(p_user text, p_target text, p_roles text[]) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM access a
    WHERE a.user_id = p_user AND a.target_id = p_target AND (p_roles IS NULL OR a.role = ANY (p_roles)));
END
$$;
