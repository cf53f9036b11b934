-- Counted before the swap. listed_on_pages and lineage are bookkeeping, not content, so they do not count.
WITH compared AS (
    SELECT
        current.paper_id IS NULL AS is_new,
        current.content_id IS DISTINCT FROM next.content_id AS is_different
    FROM next_paper_choice AS next
    LEFT JOIN paper_choice AS current ON current.paper_id = next.paper_id
)
SELECT
    count(*) FILTER (WHERE is_new) AS added,
    count(*) FILTER (WHERE NOT is_new AND is_different) AS changed,
    (
        SELECT count(*)
        FROM paper_choice
        WHERE paper_id IN (SELECT paper_id FROM affected_papers)
            AND paper_id NOT IN (SELECT paper_id FROM next_paper_choice)
    ) AS removed
FROM compared;
