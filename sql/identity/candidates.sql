-- Pairs of author groups sharing a blocking key, at least one of them touched, with the variant rule that
-- relates their names (NULL: none does). Strong rules need one shared coauthor, weak rules two.
CREATE OR REPLACE TEMP TABLE identity_candidates AS
WITH pairs AS (
    SELECT DISTINCT
        least(mine.author_id, other.author_id) AS author_id_a, greatest(mine.author_id, other.author_id) AS author_id_b
    FROM author_blocks AS mine
    JOIN author_blocks AS other ON other.block_id = mine.block_id AND other.author_id <> mine.author_id
    WHERE mine.author_id IN (SELECT author_id FROM identity_touched)
),
named AS (
    SELECT
        pairs.author_id_a, pairs.author_id_b, a.author_key AS author_key_a, b.author_key AS author_key_b,
        a.tokens AS ta, b.tokens AS tb, a.nickname AS nick_a, b.nickname AS nick_b, a.homonym AS hom_a, b.homonym AS hom_b,
        a.phonetic AS pa, b.phonetic AS pb, a.compound_given AS cg_a, b.compound_given AS cg_b
    FROM pairs
    JOIN author_names AS a ON a.author_id = pairs.author_id_a
    JOIN author_names AS b ON b.author_id = pairs.author_id_b
    WHERE len(a.tokens) > 0 AND len(b.tokens) > 0
),
ruled AS (
    SELECT
        *,
        CASE
            WHEN hom_a <> hom_b THEN NULL  -- two dblp numbers: never the same person
            WHEN ta = tb AND (hom_a IS NULL) <> (hom_b IS NULL) THEN 'homonym_number_absent'
            WHEN ta = tb AND coalesce(nick_a, '') <> coalesce(nick_b, '') THEN 'nickname'
            WHEN ta = tb THEN 'accent_or_case'
            WHEN (nick_a = tb[1] AND ta[2:] = tb[2:]) OR (nick_b = ta[1] AND tb[2:] = ta[2:]) THEN 'nickname'
            WHEN array_to_string(ta, '') = array_to_string(tb, '') THEN 'hyphen_or_space'
            WHEN len(ta) >= 2 AND len(tb) > len(ta) AND tb[1:len(ta)] = ta THEN 'second_surname'
            WHEN len(tb) >= 2 AND len(ta) > len(tb) AND ta[1:len(tb)] = tb THEN 'second_surname'
            WHEN len(ta[1]) = 1 AND len(tb) >= 2 AND ta[2:] = tb THEN 'leading_initial'
            WHEN len(tb[1]) = 1 AND len(ta) >= 2 AND tb[2:] = ta THEN 'leading_initial'
            WHEN name_compound_apart(ta, cg_a, tb, cg_b) THEN NULL  -- Ana-Luisa is not Ana with a middle name
            WHEN ta[1] = tb[1] AND ta[-1] = tb[-1] AND len(ta) >= 2 AND len(tb) >= 2
                AND (
                    len(ta) = 2 OR len(tb) = 2
                    OR list_transform(ta[2:len(ta) - 1], lambda t: t[1]) = list_transform(tb[2:len(tb) - 1], lambda t: t[1])
                )
                THEN 'middle_name'
            WHEN ta[1] = tb[1] AND len(ta) >= 2 AND len(tb) >= 2
                AND list_filter(ta[2:], lambda t: len(t) > 1) = list_filter(tb[2:], lambda t: len(t) > 1)
                THEN 'middle_name'  -- a middle initial present or absent, before a second surname too
            WHEN len(tb) = len(ta) + 1 AND len(ta) >= 2 AND ta[1] = tb[1] AND ta[-1] = tb[-1]
                AND list_bool_or(list_transform(range(2, len(tb)), lambda i: list_concat(tb[1:i - 1], tb[i + 1:]) = ta))
                THEN 'middle_name'  -- a middle name present or absent, before a second surname too
            WHEN len(ta) = len(tb) + 1 AND len(tb) >= 2 AND ta[1] = tb[1] AND ta[-1] = tb[-1]
                AND list_bool_or(list_transform(range(2, len(ta)), lambda i: list_concat(ta[1:i - 1], ta[i + 1:]) = tb))
                THEN 'middle_name'
            WHEN len(ta) = len(tb) AND len(ta) >= 2 AND ta[2:] = tb[2:] AND (starts_with(ta[1], tb[1]) OR starts_with(tb[1], ta[1]))
                THEN 'given_name_prefix'
            WHEN list_sort(ta) = list_sort(tb) THEN 'swapped_order'
            WHEN pa = pb THEN 'transliteration'
            WHEN ta[1][1] = tb[1][1] AND ta[-1][1] = tb[-1][1] AND len(ta) = len(tb)
                AND jaro_winkler_similarity(array_to_string(ta, ' '), array_to_string(tb, ' ')) >= 0.9
                THEN 'close_spelling'
        END AS rule
    FROM named
)
SELECT
    author_id_a, author_id_b, author_key_a, author_key_b, rule,
    CASE
        WHEN rule IN ('homonym_number_absent', 'given_name_prefix', 'swapped_order', 'transliteration', 'close_spelling')
            THEN 'weak'
        ELSE 'strong'
    END AS strength
FROM ruled
WHERE rule IS NOT NULL;
