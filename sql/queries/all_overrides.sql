-- Every override row ever written, revocations included, in the order written: what the CSV export holds.
SELECT override_id, action, author_key_a, name_a, author_key_b, name_b, person_id, revokes, reason, who, created_at
FROM identity_overrides
ORDER BY override_id;
