-- Every shown author of every kept listing of the batch's pages, keyed: exactly the rows the batch adds
-- to page_authorships. Authors of listings dropped as duplicates within a page are dropped with them.
CREATE OR REPLACE TEMP TABLE batch_authorships AS
SELECT
    shown.source,
    listing.raw_sha256,
    listing.paper_key,
    shown.position,
    names.author_key,
    shown.name,
    shown.homonym,
    shown.raw,
    names.name_norm
FROM staged_authorships AS shown
JOIN batch_papers AS listing ON listing.source = shown.source AND listing.listing_index = shown.listing_index
JOIN batch_names AS names ON names.name IS NOT DISTINCT FROM shown.name AND names.homonym IS NOT DISTINCT FROM shown.homonym;
