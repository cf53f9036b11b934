INSERT INTO page_papers BY NAME
SELECT
    source, raw_sha256, $run_id AS run_id, paper_key, position, title, venue_line, venue, venue_kind, year,
    publication_type, abstract, urls, author_count, authors_capped, lists_cluster_name
FROM batch_papers;
