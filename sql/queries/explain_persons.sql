-- The persons explained: those given by id, or those a member author group of belongs to.
SELECT person_id, name, forms, author_keys, papers, first_year, last_year
FROM persons
WHERE person_id IN (SELECT unnest($person_ids::BIGINT[]))
ORDER BY person_id;
