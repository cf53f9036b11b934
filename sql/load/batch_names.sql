-- Every distinct spelling the batch's author lists show, keyed and normalized once: names recur across
-- papers and pages, and NFC + regex + md5 per authorship was most of the cost of keying a batch.
CREATE OR REPLACE TEMP TABLE batch_names AS
SELECT name, homonym, author_key(name, homonym) AS author_key, normalized_text(name) AS name_norm
FROM (
    SELECT DISTINCT name, homonym
    FROM staged_authorships
    WHERE source IN (SELECT source FROM batch_pages)
);
