-- Every shown author of every paper of the batch's pages, keyed and normalized once.
CREATE OR REPLACE TEMP TABLE batch_authorships AS
SELECT
    shown.source,
    pages.raw_sha256,
    shown.listing_index,
    shown.position,
    author_key(shown.name, shown.homonym) AS author_key,
    shown.name,
    shown.homonym,
    shown.raw,
    normalized_text(shown.name) AS name_norm
FROM staged_authorships AS shown
JOIN batch_pages AS pages ON pages.source = shown.source;
