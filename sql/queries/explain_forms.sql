-- Each author group of the persons explained, with its forms and its papers.
WITH members AS (
    SELECT person_id, author_id, author_key FROM author_persons WHERE person_id IN (SELECT unnest($person_ids::BIGINT[]))
),
papers AS (
    SELECT DISTINCT members.author_id, p.paper_key, p.title, p.year, p.venue
    FROM members
    JOIN paper_authors_by_id AS shown ON shown.author_id = members.author_id
    JOIN papers_by_id AS p ON p.paper_id = shown.paper_id
)
SELECT
    members.person_id, members.author_key,
    (SELECT list_sort(list(DISTINCT raw)) FROM author_forms AS forms WHERE forms.author_id = members.author_id) AS forms,
    list({'paper_key': papers.paper_key, 'title': papers.title, 'year': papers.year, 'venue': papers.venue}
        ORDER BY papers.year NULLS LAST, papers.title) FILTER (WHERE papers.paper_key IS NOT NULL) AS papers
FROM members
LEFT JOIN papers ON papers.author_id = members.author_id
GROUP BY members.person_id, members.author_id, members.author_key
ORDER BY members.person_id, members.author_key;
