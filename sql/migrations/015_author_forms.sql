-- table: Bookkeeping behind authors: each distinct form an author is shown in by the author lists in page_authorships, counted.
-- Kept up to date batch by batch, so rebuilding an author reads a few forms instead of every authorship ever loaded.
-- Derived from page_authorships alone: recomputing it from there gives the same rows whatever the load order.
CREATE TABLE author_forms (
    author_key VARCHAR NOT NULL,  -- authors.author_key
    name VARCHAR NOT NULL,  -- name without homonym number, as shown
    homonym VARCHAR,  -- dblp-style homonym number such as 0001, when shown
    raw VARCHAR NOT NULL,  -- the author exactly as shown
    times_shown BIGINT NOT NULL,  -- page_authorships rows showing this form
    source VARCHAR NOT NULL,  -- smallest source showing this form
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL  -- run that loaded that page
);
INSERT INTO author_forms (author_key, name, homonym, raw, times_shown, source, raw_sha256, run_id)
SELECT
    author_key, name, homonym, raw, count(*), min(source), arg_min(raw_sha256, source), arg_min(run_id, source)
FROM page_authorships
GROUP BY author_key, name, homonym, raw;
