-- Authors of listings dropped as duplicates within a page are dropped with them (the join).
INSERT INTO page_authorships BY NAME
SELECT
    shown.source, shown.raw_sha256, $run_id AS run_id, listing.paper_key, shown.position, shown.author_key,
    shown.name, shown.homonym, shown.raw, shown.name_norm
FROM batch_authorships AS shown
JOIN batch_papers AS listing ON listing.source = shown.source AND listing.listing_index = shown.listing_index;
