-- The author groups of one person.
SELECT author_key FROM author_persons WHERE person_id = $person_id ORDER BY author_id;
