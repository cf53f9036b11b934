INSERT INTO page_listings BY NAME
SELECT
    kept.page_id, kept.paper_id, kept.paper_id AS listed_paper_id, kept.title_id, listing.position, listing.title, listing.venue_line, listing.venue,
    listing.venue_kind, listing.year, listing.publication_type, listing.abstract, listing.urls, listing.author_count,
    listing.authors_capped, kept.lists_cluster_name, length(listing.abstract) AS abstract_chars,
    listing_content_id(
        listing.title, listing.venue, listing.venue_kind, listing.year, listing.publication_type, listing.abstract,
        listing.urls, listing.venue_line, listing.author_count
    ) AS content_id
FROM batch_papers AS kept
JOIN staged_papers AS listing ON listing.paper_row = kept.paper_row;
