-- macro: A digest of what papers shows from one listing. Comparing digests counts changed papers without
-- reading abstracts back from disk on every batch. hash() is several times faster than md5 over abstracts;
-- it is not promised stable across DuckDB versions, and if it ever changes the only effect is that the
-- first load after the upgrade counts re-listed papers as changed in ingest_runs.
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO listing_content_id(
    title, venue, venue_kind, year, publication_type, abstract, urls, venue_line, author_count
) AS
    hash(title, venue, venue_kind, year, publication_type, abstract, urls, venue_line, author_count);
