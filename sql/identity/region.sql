-- The authors this resolution may regroup: every author sharing a blocking key with a touched author, the
-- other members of their persons, and the partners of their overrides (with those partners' persons).
-- Nothing outside it can change, which keeps a batch's cost proportional to it.
CREATE OR REPLACE TEMP TABLE identity_region AS
WITH touched_blocks AS (
    SELECT DISTINCT block_id FROM author_blocks WHERE author_id IN (SELECT author_id FROM identity_touched)
),
block_members AS (
    SELECT author_id FROM author_blocks WHERE block_id IN (SELECT block_id FROM touched_blocks)
    UNION
    SELECT author_id FROM identity_touched
),
with_persons AS (
    SELECT author_id FROM block_members
    UNION
    SELECT author_id
    FROM author_persons
    WHERE person_id IN (SELECT person_id FROM author_persons WHERE author_id IN (SELECT author_id FROM block_members))
),
override_partners AS (
    SELECT key_number(author_key_b) AS author_id
    FROM active_identity_overrides
    WHERE key_number(author_key_a) IN (SELECT author_id FROM with_persons) AND author_key_b IS NOT NULL
    UNION
    SELECT key_number(author_key_a)
    FROM active_identity_overrides
    WHERE key_number(author_key_b) IN (SELECT author_id FROM with_persons) AND author_key_a IS NOT NULL
)
SELECT author_id FROM with_persons
UNION
SELECT author_id FROM override_partners
UNION
SELECT author_id
FROM author_persons
WHERE person_id IN (SELECT person_id FROM author_persons WHERE author_id IN (SELECT author_id FROM override_partners));
