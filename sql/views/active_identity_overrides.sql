-- view: The identity overrides in force: every link, unlink and assign no later revoke row revokes.
-- depends on: nothing
CREATE OR REPLACE VIEW active_identity_overrides AS
SELECT
    override_id,  -- identity_overrides.override_id
    action,  -- link, unlink or assign
    author_key_a,  -- first author group (assign: the form assigned)
    name_a,  -- its name as given
    author_key_b,  -- second group (assign: a member of the target person)
    name_b,  -- its name as given
    person_id,  -- assign: the target person as numbered when assigned
    reason,  -- why
    who,  -- who wrote it
    created_at  -- when
FROM identity_overrides
WHERE action <> 'revoke'
    AND override_id NOT IN (SELECT revokes FROM identity_overrides WHERE action = 'revoke' AND revokes IS NOT NULL);
