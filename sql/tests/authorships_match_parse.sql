-- test: the authorships loaded for each listing are exactly the authors its parse showed.
-- Why: page_listings.author_count is what the parser counted on the page; listing_authors is what the
-- loader stored. A loader that drops, doubles or misnumbers authors shows here before it reaches
-- paper_authors.
WITH tested AS (
    SELECT page_id, paper_id, author_count FROM page_listings WHERE page_id IN (SELECT page_id FROM test_pages)
),
stored AS (
    SELECT page_id, paper_id, count(*) AS authorships, count(DISTINCT position) AS positions, max(position) AS last
    FROM listing_authors
    WHERE page_id IN (SELECT page_id FROM test_pages)
    GROUP BY page_id, paper_id
)
SELECT pages.source, printf('%016x', tested.paper_id) AS paper_key, tested.author_count AS parsed_authors,
    coalesce(stored.authorships, 0) AS loaded_authorships
FROM tested
JOIN loaded_pages AS pages ON pages.page_id = tested.page_id
LEFT JOIN stored ON stored.page_id = tested.page_id AND stored.paper_id = tested.paper_id
WHERE coalesce(stored.authorships, 0) <> tested.author_count
    OR coalesce(stored.positions, 0) <> tested.author_count
    OR coalesce(stored.last, 0) <> tested.author_count
