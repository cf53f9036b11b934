-- The active overrides naming an author group of the persons explained.
WITH members AS (
    SELECT author_key FROM author_persons WHERE person_id IN (SELECT unnest($person_ids::BIGINT[]))
)
SELECT override_id, action, name_a, author_key_a, name_b, author_key_b, person_id, reason, who, created_at
FROM active_identity_overrides
WHERE author_key_a IN (SELECT author_key FROM members) OR author_key_b IN (SELECT author_key FROM members)
ORDER BY override_id;
