-- view: One row per person: an author group, or several that identity resolution or an override linked.
-- Named by the spelling of its member with the most papers (as in author_stats); lists every form seen and the span of its papers.
-- depends on: paper_authors_by_id, papers_by_id, authors_by_id
CREATE OR REPLACE VIEW persons AS
WITH members AS (
    SELECT person_id, author_id, author_key FROM author_persons
),
authorships AS (
    SELECT DISTINCT members.person_id, members.author_id, shown.paper_id
    FROM members
    JOIN paper_authors_by_id AS shown ON shown.author_id = members.author_id
),
member_papers AS (
    SELECT person_id, author_id, count(*) AS papers FROM authorships GROUP BY person_id, author_id
),
display AS (
    -- the rule author_stats names a person by (most papers, then the smallest author_id), so a person is
    -- called the same in persons, identity explain, the marts and the dashboard
    SELECT counted.person_id, arg_min(authors.name, (-counted.papers, counted.author_id)) AS name
    FROM member_papers AS counted
    JOIN authors_by_id AS authors ON authors.author_id = counted.author_id
    GROUP BY counted.person_id
),
spans AS (
    SELECT
        authorships.person_id, count(DISTINCT authorships.paper_id) AS papers, min(p.year) AS first_year,
        max(p.year) AS last_year, list_sort(list(DISTINCT authorships.paper_id)) AS paper_ids
    FROM authorships
    JOIN papers_by_id AS p ON p.paper_id = authorships.paper_id
    GROUP BY authorships.person_id
),
forms AS (
    SELECT
        members.person_id, list_sort(list(DISTINCT forms.raw)) AS forms,
        list_sort(list(DISTINCT members.author_key)) AS author_keys
    FROM members
    JOIN author_forms AS forms ON forms.author_id = members.author_id
    GROUP BY members.person_id
)
SELECT
    spans.person_id,  -- stable id: survives re-runs; a merged person keeps the id of its older group
    display.name,  -- display name: the spelling of the member group with the most papers
    forms.forms,  -- every raw form seen for this person, sorted
    forms.author_keys,  -- the author groups (authors.author_key) that make up this person
    spans.papers,  -- distinct papers
    spans.first_year,  -- year of the earliest paper
    spans.last_year,  -- year of the latest paper
    spans.paper_ids  -- the papers (papers_by_id.paper_id), sorted
FROM spans
JOIN display ON display.person_id = spans.person_id
LEFT JOIN forms ON forms.person_id = spans.person_id;
