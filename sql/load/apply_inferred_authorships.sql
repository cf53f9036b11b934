-- The site caps shown author lists at 8, so a page of cluster X listing a paper whose capped list lacks X
-- still means X is an author. An inferred row is dropped when the paper's chosen list shows X after all.
DELETE FROM inferred_authorships WHERE paper_id IN (SELECT paper_id FROM affected_papers);
INSERT INTO inferred_authorships BY NAME
WITH candidates AS (
    SELECT
        listing.paper_id, listing.page_id, choice.page_id AS chosen_page_id, pages.cluster_author_id AS author_id,
        pages.cluster_name_norm, pages.source
    FROM page_listings AS listing
    JOIN loaded_pages AS pages ON pages.page_id = listing.page_id
    JOIN paper_choice AS choice ON choice.paper_id = listing.paper_id
    WHERE listing.paper_id IN (SELECT paper_id FROM affected_papers)
        AND listing.authors_capped
        AND NOT listing.lists_cluster_name
),
lists_to_read AS (
    -- a candidate whose own listing is the chosen one is known to lack X; only lists chosen from other
    -- pages need reading, which is rare
    SELECT DISTINCT paper_id, chosen_page_id AS page_id FROM candidates WHERE page_id <> chosen_page_id
),
chosen_list_names AS (
    SELECT DISTINCT shown.paper_id, forms.name_norm
    FROM listing_authors AS shown
    JOIN lists_to_read AS chosen ON chosen.paper_id = shown.paper_id AND chosen.page_id = shown.page_id
    JOIN author_forms AS forms ON forms.form_id = shown.form_id
)
SELECT candidate.paper_id, candidate.author_id, min(candidate.source) AS inferred_from
FROM candidates AS candidate
WHERE candidate.page_id = candidate.chosen_page_id
    OR NOT EXISTS (
        SELECT 1
        FROM chosen_list_names AS listed
        WHERE listed.paper_id = candidate.paper_id AND listed.name_norm = candidate.cluster_name_norm
    )
GROUP BY candidate.paper_id, candidate.author_id;
