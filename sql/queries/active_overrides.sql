-- The overrides in force, oldest first.
SELECT override_id, action, author_key_a, name_a, author_key_b, name_b, person_id, reason, who, created_at
FROM active_identity_overrides
ORDER BY override_id;
