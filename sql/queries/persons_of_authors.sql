-- The person of each of the given author groups.
SELECT author_key, person_id FROM author_persons WHERE author_key IN (SELECT unnest($author_keys::VARCHAR[]));
