-- The links the components are built from: the candidate pairs accepted now, the links in force between
-- authors not touched (their evidence has not changed), and the active link and assign overrides. An
-- assigned form keeps no automatic link: it belongs where the override puts it.
CREATE OR REPLACE TEMP TABLE identity_edges AS
WITH assigned AS (
    SELECT key_number(author_key_a) AS author_id FROM active_identity_overrides WHERE action = 'assign'
),
automatic AS (
    SELECT
        author_id_a, author_id_b, author_key_a, author_key_b, rule, strength, shared_coauthors, shared_coauthor_names,
        shared_pages, shared_venues, score, NULL::INTEGER AS override_id, now() AS decided_at
    FROM identity_evidence
    WHERE accepted
    UNION ALL
    SELECT
        author_id_a, author_id_b, author_key_a, author_key_b, rule, strength, shared_coauthors, shared_coauthor_names,
        shared_pages, shared_venues, score, override_id, decided_at
    FROM person_links
    WHERE override_id IS NULL
        AND author_id_a IN (SELECT author_id FROM identity_region)
        AND author_id_b IN (SELECT author_id FROM identity_region)
        AND author_id_a NOT IN (SELECT author_id FROM identity_touched)
        AND author_id_b NOT IN (SELECT author_id FROM identity_touched)
),
forced AS (
    SELECT
        least(key_number(author_key_a), key_number(author_key_b)) AS author_id_a,
        greatest(key_number(author_key_a), key_number(author_key_b)) AS author_id_b,
        CASE WHEN author_key_a < author_key_b THEN author_key_a ELSE author_key_b END AS author_key_a,
        CASE WHEN author_key_a < author_key_b THEN author_key_b ELSE author_key_a END AS author_key_b,
        'override_' || action AS rule, 'override' AS strength, 0 AS shared_coauthors, NULL::VARCHAR[] AS shared_coauthor_names,
        0 AS shared_pages, 0 AS shared_venues, 1.0 AS score, override_id, created_at AS decided_at
    FROM active_identity_overrides
    WHERE action IN ('link', 'assign')
        AND key_number(author_key_a) IN (SELECT author_id FROM identity_region)
        AND key_number(author_key_b) IN (SELECT author_id FROM identity_region)
)
SELECT *
FROM automatic
WHERE author_id_a NOT IN (SELECT author_id FROM assigned) AND author_id_b NOT IN (SELECT author_id FROM assigned)
UNION ALL
SELECT * FROM forced;
