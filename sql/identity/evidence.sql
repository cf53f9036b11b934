-- The evidence for each candidate pair, counted over each whole group (every paper of either name):
-- shared coauthors (by surname and first initial, so a coauthor's own variants count once), shared pages,
-- shared venues; and whether the two were ever authors of one paper or someone unlinked them. A pair is
-- linked only when, on each side, at least half of the group's papers show a shared coauthor: a group
-- two people print (a homonym without a dblp number) would otherwise take in the variant of whichever
-- of them is the minority, and a link is to the group's main person or not at all.
CREATE OR REPLACE TEMP TABLE identity_evidence AS
WITH endpoints AS (
    SELECT author_id_a AS author_id FROM identity_candidates
    UNION
    SELECT author_id_b FROM identity_candidates
),
their_papers AS (
    SELECT DISTINCT paper_id, author_id FROM identity_authorships WHERE author_id IN (SELECT author_id FROM endpoints)
),
paper_teams AS (
    SELECT DISTINCT paper_id, author_id
    FROM identity_authorships
    WHERE paper_id IN (SELECT paper_id FROM their_papers)
),
coauthor_names AS MATERIALIZED (
    -- surname and first initial, hashed: the keys are only compared, and numbers compare faster
    SELECT author_id, hash(tokens[-1], tokens[1][1]) AS coauthor_key
    FROM author_names
    WHERE len(tokens) > 0 AND author_id IN (SELECT author_id FROM paper_teams)
),
paper_coauthor_keys AS MATERIALIZED (
    -- one row per (author, paper, coauthor) already: their_papers and paper_teams are distinct
    SELECT mine.author_id, mine.paper_id, names.coauthor_key, team.author_id AS coauthor_id
    FROM their_papers AS mine
    JOIN paper_teams AS team ON team.paper_id = mine.paper_id AND team.author_id <> mine.author_id
    JOIN coauthor_names AS names ON names.author_id = team.author_id
),
coauthor_keys AS MATERIALIZED (
    SELECT author_id, coauthor_key, min(coauthor_id) AS coauthor_id
    FROM paper_coauthor_keys
    GROUP BY author_id, coauthor_key
),
group_papers AS (
    SELECT author_id, count(DISTINCT paper_id) AS papers FROM their_papers GROUP BY author_id
),
pair_keys_a AS MATERIALIZED (
    -- every coauthor key of each pair's first group; a materialized step of its own, so the join that
    -- follows is planned as a lookup of (second group, key) and never as a join on the key alone, which,
    -- planned without statistics for the tables this transaction wrote, fans out over every author with
    -- a common surname
    SELECT pair.author_id_a, pair.author_id_b, ka.coauthor_key
    FROM identity_candidates AS pair
    JOIN coauthor_keys AS ka ON ka.author_id = pair.author_id_a
),
shared_keys AS MATERIALIZED (
    SELECT pair.author_id_a, pair.author_id_b, pair.coauthor_key
    FROM pair_keys_a AS pair
    JOIN coauthor_keys AS kb ON kb.author_id = pair.author_id_b AND kb.coauthor_key = pair.coauthor_key
),
covered AS (
    -- each group's papers that show a shared coauthor: the papers the evidence speaks for
    -- one equi-join per side: a join on "author_id IN (a, b)" is not a hash join, and fans out on the key
    SELECT shared.author_id_a, shared.author_id_b, side.author_id, count(DISTINCT side.paper_id) AS papers
    FROM (
        SELECT author_id_a, author_id_b, author_id_a AS author_id, coauthor_key FROM shared_keys
        UNION ALL
        SELECT author_id_a, author_id_b, author_id_b AS author_id, coauthor_key FROM shared_keys
    ) AS shared
    JOIN paper_coauthor_keys AS side ON side.author_id = shared.author_id AND side.coauthor_key = shared.coauthor_key
    GROUP BY shared.author_id_a, shared.author_id_b, side.author_id
),
coverage AS (
    SELECT covered.author_id_a, covered.author_id_b, min(covered.papers / all_papers.papers) AS coverage
    FROM covered
    JOIN group_papers AS all_papers ON all_papers.author_id = covered.author_id
    GROUP BY covered.author_id_a, covered.author_id_b
),
shared_coauthors AS (
    SELECT shared.author_id_a, shared.author_id_b, count(*) AS shared, list_sort(list(ca.coauthor_id))[1:5] AS coauthor_ids
    FROM shared_keys AS shared
    JOIN coauthor_keys AS ca ON ca.author_id = shared.author_id_a AND ca.coauthor_key = shared.coauthor_key
    GROUP BY shared.author_id_a, shared.author_id_b
),
shared_names AS (
    -- names only for the few coauthors shown as evidence
    SELECT shared.author_id_a, shared.author_id_b, list_sort(list(named.name)) AS names
    FROM (SELECT author_id_a, author_id_b, unnest(coauthor_ids) AS coauthor_id FROM shared_coauthors) AS shared
    JOIN (SELECT author_id, min(name) AS name FROM author_forms GROUP BY author_id) AS named
        ON named.author_id = shared.coauthor_id
    GROUP BY shared.author_id_a, shared.author_id_b
),
author_profiles AS MATERIALIZED (
    -- each group's papers, pages and venues as sets, intersected per pair as the coauthor keys are
    SELECT
        mine.author_id,
        list(DISTINCT mine.paper_id) AS papers,
        list(DISTINCT listing.page_id) AS pages,
        list(DISTINCT listing.venue) FILTER (WHERE listing.venue IS NOT NULL) AS venues
    FROM their_papers AS mine
    JOIN page_listings AS listing ON listing.paper_id = mine.paper_id
    GROUP BY mine.author_id
),
shared_listings AS (
    SELECT
        pair.author_id_a, pair.author_id_b,
        len(list_intersect(pa.pages, pb.pages)) AS shared_pages,
        coalesce(len(list_intersect(pa.venues, pb.venues)), 0) AS shared_venues,
        list_has_any(pa.papers, pb.papers) AS same_paper
    FROM identity_candidates AS pair
    JOIN author_profiles AS pa ON pa.author_id = pair.author_id_a
    JOIN author_profiles AS pb ON pb.author_id = pair.author_id_b
),
unlinked AS (
    SELECT DISTINCT
        least(key_number(author_key_a), key_number(author_key_b)) AS author_id_a,
        greatest(key_number(author_key_a), key_number(author_key_b)) AS author_id_b
    FROM active_identity_overrides
    WHERE action = 'unlink'
),
counted AS (
    SELECT
        pair.*,
        coalesce(co.shared, 0)::INTEGER AS shared_coauthors,
        shared_names.names AS shared_coauthor_names,
        coalesce(listings.shared_pages, 0)::INTEGER AS shared_pages,
        coalesce(listings.shared_venues, 0)::INTEGER AS shared_venues,
        coalesce(listings.same_paper, false) AS same_paper,
        unlinked.author_id_a IS NOT NULL AS unlinked,
        coalesce(coverage.coverage, 0) AS coverage
    FROM identity_candidates AS pair
    LEFT JOIN shared_coauthors AS co USING (author_id_a, author_id_b)
    LEFT JOIN shared_names USING (author_id_a, author_id_b)
    LEFT JOIN shared_listings AS listings USING (author_id_a, author_id_b)
    LEFT JOIN unlinked USING (author_id_a, author_id_b)
    LEFT JOIN coverage USING (author_id_a, author_id_b)
)
SELECT
    *,
    NOT same_paper AND NOT unlinked
        AND shared_coauthors >= CASE strength WHEN 'strong' THEN 1 ELSE 2 END
        AND coverage >= 0.5 AS accepted,
    -- rule strength plus evidence, capped at 1
    least(
        1.0,
        CASE strength WHEN 'strong' THEN 0.5 ELSE 0.3 END
            + 0.1 * least(shared_coauthors, 4) + 0.05 * least(shared_pages, 2) + 0.02 * least(shared_venues, 3)
    ) AS score
FROM counted;
