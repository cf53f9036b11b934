-- For every undated listing of an affected title: the paper it is one of. It joins the dated paper with the
-- same normalized title when exactly one such paper exists, its page does not list that paper itself,
-- and the author lists agree wherever both show a name (same position, a name token in common, accents
-- folded: "Xavier Suau" agrees with "Xavier Suau Cuadros"). Otherwise it keeps its own key, and
-- `reason` says why. Run after the batch's listings are stored, before the choice of listing.
CREATE OR REPLACE TEMP TABLE undated_verdicts AS
WITH listings AS (
    SELECT listing.page_id, listing.paper_id, listing.listed_paper_id, listing.title_id, listing.year, listing.position
    FROM page_listings AS listing
    WHERE listing.title_id IN (SELECT title_id FROM affected_titles)
),
undated AS (
    SELECT * FROM listings WHERE year IS NULL
),
dated_papers AS (
    SELECT title_id, listed_paper_id AS paper_id, min(year) AS year
    FROM listings
    WHERE year IS NOT NULL
    GROUP BY title_id, listed_paper_id
),
candidates AS (
    SELECT
        title_id, count(*) AS papers, min(paper_id) AS paper_id,
        list_sort(list(year)) AS years
    FROM dated_papers
    GROUP BY title_id
),
shown_names AS (
    -- the author names of the listings involved, accent-folded tokens per position
    SELECT shown.page_id, shown.paper_id, shown.position, string_split(strip_accents(forms.name_norm), ' ') AS tokens
    FROM listing_authors AS shown
    JOIN author_forms AS forms ON forms.form_id = shown.form_id
    WHERE (shown.page_id, shown.paper_id) IN (SELECT (page_id, paper_id) FROM listings)
),
compared AS (
    -- every dated listing of the single candidate against the undated listing, position by position
    SELECT
        u.page_id, u.paper_id,
        dated.page_id AS dated_page_id,
        min(mine.position) FILTER (WHERE NOT list_has_any(mine.tokens, theirs.tokens)) AS first_disagreement
    FROM undated AS u
    JOIN candidates AS c ON c.title_id = u.title_id AND c.papers = 1
    JOIN listings AS dated ON dated.listed_paper_id = c.paper_id AND dated.year IS NOT NULL
    JOIN shown_names AS mine ON mine.page_id = u.page_id AND mine.paper_id = u.paper_id
    JOIN shown_names AS theirs
        ON theirs.page_id = dated.page_id AND theirs.paper_id = dated.paper_id AND theirs.position = mine.position
    GROUP BY u.page_id, u.paper_id, dated.page_id
),
disagreements AS (
    SELECT page_id, paper_id, min(first_disagreement) AS first_disagreement
    FROM compared
    GROUP BY page_id, paper_id
),
same_page AS (
    SELECT u.page_id, u.paper_id
    FROM undated AS u
    JOIN candidates AS c ON c.title_id = u.title_id AND c.papers = 1
    JOIN listings AS dated ON dated.listed_paper_id = c.paper_id AND dated.page_id = u.page_id
),
judged AS (
    SELECT
        u.page_id, u.paper_id, u.listed_paper_id, u.position,
        CASE
            WHEN c.papers IS NULL THEN 'no listing with a year has this title'
            WHEN c.papers > 1 THEN printf('%d papers with a year have this title (years %s)', c.papers, array_to_string(c.years, ', '))
            WHEN s.page_id IS NOT NULL THEN printf('its page also lists the dated paper (%d)', c.years[1])
            WHEN d.first_disagreement IS NOT NULL
                THEN printf('its author list disagrees with the dated paper (%d) at position %d', c.years[1], d.first_disagreement)
        END AS reason,
        c.paper_id AS candidate_paper_id
    FROM undated AS u
    LEFT JOIN candidates AS c ON c.title_id = u.title_id
    LEFT JOIN same_page AS s ON s.page_id = u.page_id AND s.paper_id = u.paper_id
    LEFT JOIN disagreements AS d ON d.page_id = u.page_id AND d.paper_id = u.paper_id
)
SELECT
    page_id,
    paper_id,  -- the paper the listing is filed under now
    CASE WHEN reason IS NULL THEN candidate_paper_id ELSE listed_paper_id END AS resolved_paper_id,
    position,
    reason
FROM judged;
