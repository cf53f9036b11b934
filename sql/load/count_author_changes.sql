WITH compared AS (
    SELECT
        current.author_key IS NULL AS is_new,
        current.name IS DISTINCT FROM next.name
            OR current.homonym IS DISTINCT FROM next.homonym
            OR current.raw_forms IS DISTINCT FROM next.raw_forms AS is_different
    FROM next_authors AS next
    LEFT JOIN authors AS current ON current.author_key = next.author_key
)
SELECT
    count(*) FILTER (WHERE is_new) AS added,
    count(*) FILTER (WHERE NOT is_new AND is_different) AS changed,
    (SELECT count(*) FROM affected_authors) - count(*) AS removed
FROM compared;
