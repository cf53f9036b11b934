-- How many persons there are.
SELECT count(DISTINCT person_id) FROM author_persons;
