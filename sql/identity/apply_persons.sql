-- Write the region's persons and the links in force.
UPDATE identity_state SET last_person_id = greatest(last_person_id, (SELECT coalesce(max(person_id), 0) FROM identity_assigned));
DELETE FROM author_persons WHERE author_id IN (SELECT author_id FROM identity_region);
INSERT INTO author_persons BY NAME SELECT author_id, author_key, person_id FROM identity_assigned;
DELETE FROM person_links
WHERE author_id_a IN (SELECT author_id FROM identity_region) OR author_id_b IN (SELECT author_id FROM identity_region);
INSERT INTO person_links BY NAME
SELECT DISTINCT ON (edge.author_id_a, edge.author_id_b)
    assigned.person_id, edge.author_id_a, edge.author_key_a, edge.author_id_b, edge.author_key_b, edge.rule, edge.strength,
    edge.shared_coauthors, edge.shared_coauthor_names, edge.shared_pages, edge.shared_venues, edge.score, edge.override_id,
    edge.decided_at
FROM identity_edges AS edge
JOIN identity_assigned AS assigned ON assigned.author_id = edge.author_id_a
ORDER BY edge.author_id_a, edge.author_id_b, edge.override_id NULLS LAST;
