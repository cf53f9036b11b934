-- Counted before the swap. listed_on_pages and lineage are bookkeeping, not content, so they do not count.
WITH compared AS (
    SELECT
        current.paper_key IS NULL AS is_new,
        current.title IS DISTINCT FROM next.title
            OR current.venue IS DISTINCT FROM next.venue
            OR current.venue_kind IS DISTINCT FROM next.venue_kind
            OR current.year IS DISTINCT FROM next.year
            OR current.publication_type IS DISTINCT FROM next.publication_type
            OR current.abstract IS DISTINCT FROM next.abstract
            OR current.urls IS DISTINCT FROM next.urls
            OR current.venue_line IS DISTINCT FROM next.venue_line
            OR current.author_count IS DISTINCT FROM next.author_count AS is_different
    FROM next_papers AS next
    LEFT JOIN papers AS current ON current.paper_key = next.paper_key
)
SELECT
    count(*) FILTER (WHERE is_new) AS added,
    count(*) FILTER (WHERE NOT is_new AND is_different) AS changed,
    (SELECT count(*) FROM affected_papers) - count(*) AS removed
FROM compared;
