-- Components that would make one person of two that cannot be one: two authors of one paper, two
-- different dblp numbers, a pair someone unlinked, two full given names that neither shorten (Jane Smith
-- and John Smith joined through J. Smith; transliterations and close spellings are no conflict), or a
-- hyphenated given name and its first part alone (Ana-Luisa Ortega and Ana Ortega, name_compound_apart).
CREATE OR REPLACE TEMP TABLE identity_conflicts AS
WITH members AS (
    SELECT component.author_id, component.label, names.homonym, names.tokens, names.nickname, names.compound_given
    FROM identity_components AS component
    JOIN author_names AS names ON names.author_id = component.author_id
    WHERE component.label IN (
        SELECT label FROM identity_components GROUP BY label HAVING count(*) > 1
    )
),
member_papers AS (
    SELECT DISTINCT shown.paper_id, shown.author_id, members.label
    FROM identity_authorships AS shown
    JOIN members ON members.author_id = shown.author_id
),
same_paper AS (
    SELECT one.label
    FROM member_papers AS one
    JOIN member_papers AS other
        ON other.paper_id = one.paper_id AND other.label = one.label AND other.author_id > one.author_id
),
member_pairs AS (
    SELECT one.label, one.author_id AS author_id_a, other.author_id AS author_id_b,
        one.homonym AS hom_a, other.homonym AS hom_b, one.tokens AS ta, other.tokens AS tb,
        one.nickname AS nick_a, other.nickname AS nick_b, one.compound_given AS cg_a, other.compound_given AS cg_b
    FROM members AS one
    JOIN members AS other ON other.label = one.label AND other.author_id > one.author_id
),
unlinked AS (
    SELECT pair.label
    FROM member_pairs AS pair
    JOIN active_identity_overrides AS override
        ON override.action = 'unlink'
        AND least(key_number(override.author_key_a), key_number(override.author_key_b)) = pair.author_id_a
        AND greatest(key_number(override.author_key_a), key_number(override.author_key_b)) = pair.author_id_b
),
named_apart AS (
    SELECT label
    FROM member_pairs
    WHERE hom_a <> hom_b
        OR name_compound_apart(ta, cg_a, tb, cg_b)
        OR (
            len(ta[1]) > 1 AND len(tb[1]) > 1 AND ta[-1] = tb[-1]
            AND NOT starts_with(ta[1], tb[1]) AND NOT starts_with(tb[1], ta[1])
            AND list_sort(ta) <> list_sort(tb)
            AND coalesce(nick_a, '') <> tb[1] AND coalesce(nick_b, '') <> ta[1]
            AND name_phonetic(ta) <> name_phonetic(tb)
            AND jaro_winkler_similarity(ta[1], tb[1]) < 0.9
        )
)
SELECT DISTINCT label FROM same_paper
UNION
SELECT label FROM unlinked
UNION
SELECT label FROM named_apart;
