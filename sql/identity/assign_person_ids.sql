-- Stable person ids. Each id the region's authors had goes to the component holding most of its members
-- (then the smallest label); a component given several (a merge) keeps the oldest, the smallest; a
-- component given none gets a new id above every id ever handed out. So the same set of authors keeps
-- its id, and a merged person keeps the id of its older group.
CREATE OR REPLACE TEMP TABLE identity_assigned AS
WITH before AS (
    SELECT component.author_id, component.label, persons.person_id
    FROM identity_components AS component
    LEFT JOIN author_persons AS persons ON persons.author_id = component.author_id
),
overlap AS (
    SELECT person_id, label, count(*) AS members
    FROM before
    WHERE person_id IS NOT NULL
    GROUP BY person_id, label
),
id_home AS (
    SELECT person_id, arg_min(label, (-members, label)) AS label
    FROM overlap
    GROUP BY person_id
),
kept AS (
    SELECT label, min(person_id) AS person_id FROM id_home GROUP BY label
),
labels AS (
    SELECT DISTINCT label FROM identity_components
),
numbered AS (
    SELECT
        labels.label,
        coalesce(
            kept.person_id,
            state.last_person_id + row_number() OVER (PARTITION BY kept.person_id IS NULL ORDER BY labels.label)
        ) AS person_id
    FROM labels
    LEFT JOIN kept ON kept.label = labels.label
    CROSS JOIN identity_state AS state
)
SELECT component.author_id, names.author_key, numbered.person_id
FROM identity_components AS component
JOIN numbered ON numbered.label = component.label
JOIN author_names AS names ON names.author_id = component.author_id;
