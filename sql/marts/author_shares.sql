-- view: Authors ranked by papers, with the share of their papers they are first and last author of.
-- Reads author_stats, so it counts what author_stats counts (authors today, persons once they exist).
-- The last-author share is over all papers, though only uncapped lists can show a last author.
-- depends on: author_stats
CREATE OR REPLACE VIEW author_shares AS
WITH ranked AS (
    SELECT
        *,
        row_number() OVER (ORDER BY papers DESC, name, author_key) AS rank
    FROM author_stats
)
SELECT
    rank,  -- 1 for the author with most papers; ties broken by name
    author_key,  -- authors.author_key
    name,  -- author name
    homonym,  -- homonym number, if any
    papers,  -- distinct papers
    first_author_papers,  -- papers listing this author first
    last_author_papers,  -- papers listing this author last, counting only uncapped lists
    round(first_author_papers / papers, 4) AS first_author_share,  -- first_author_papers / papers
    round(last_author_papers / papers, 4) AS last_author_share,  -- last_author_papers / papers
    first_year,  -- year of the earliest paper
    last_year  -- year of the latest paper
FROM ranked;
