-- The authors an override names: their name blocks are re-resolved.
CREATE OR REPLACE TEMP TABLE identity_touched AS
SELECT DISTINCT key_number(author_key) AS author_id
FROM (SELECT unnest($author_keys::VARCHAR[]) AS author_key);
