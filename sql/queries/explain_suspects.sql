-- Homonym suspects among the persons explained.
SELECT persons.person_id, suspects.author_key, suspects.papers, suspects.pieces, suspects.piece_sizes
FROM person_suspects AS suspects
JOIN author_persons AS persons ON persons.author_id = suspects.author_id
WHERE persons.person_id IN (SELECT unnest($person_ids::BIGINT[]))
ORDER BY persons.person_id, suspects.author_key;
