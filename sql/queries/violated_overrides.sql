-- Overrides in force that the persons do not honour: a link or assign whose two groups are apart, an
-- unlink whose two groups are one person. Only overrides contradicting each other can cause one.
SELECT override.override_id, override.action, override.name_a, coalesce(override.name_b, override.author_key_b) AS name_b
FROM active_identity_overrides AS override
LEFT JOIN author_persons AS a ON a.author_key = override.author_key_a
LEFT JOIN author_persons AS b ON b.author_key = override.author_key_b
WHERE (override.action IN ('link', 'assign') AND a.person_id IS DISTINCT FROM b.person_id)
    OR (override.action = 'unlink' AND a.person_id = b.person_id)
ORDER BY override.override_id;
