-- The links in force inside the persons explained, and why each was made.
SELECT
    person_id, author_key_a,
    (SELECT min(name) FROM author_forms WHERE author_id = author_id_a) AS name_a,
    author_key_b,
    (SELECT min(name) FROM author_forms WHERE author_id = author_id_b) AS name_b,
    rule, strength, shared_coauthors, shared_coauthor_names, shared_pages,
    shared_venues, round(score, 3) AS score, override_id, decided_at
FROM person_links
WHERE person_id IN (SELECT unnest($person_ids::BIGINT[]))
ORDER BY person_id, author_key_a, author_key_b;
