-- Homonym suspects among the persons explained.
SELECT person_id, author_key, papers, pieces, piece_sizes
FROM person_suspects
WHERE person_id IN (SELECT unnest($person_ids::BIGINT[]))
ORDER BY person_id, author_key;
