-- Papers whose choice of listing may change: those the replaced pages listed (they may disappear), those
-- the batch lists, and every paper of an affected title (an undated listing may join or leave it).
-- Nothing else can change, which keeps a batch's cost proportional to it.
CREATE OR REPLACE TEMP TABLE affected_papers AS
WITH same_title AS (
    SELECT paper_id, listed_paper_id FROM page_listings WHERE title_id IN (SELECT title_id FROM affected_titles)
)
SELECT paper_id FROM page_listings WHERE page_id IN (SELECT page_id FROM replaced_pages)
UNION
SELECT paper_id FROM batch_papers
UNION
SELECT paper_id FROM same_title
UNION
SELECT listed_paper_id FROM same_title;
