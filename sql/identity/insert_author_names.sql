INSERT INTO author_names BY NAME SELECT author_id, author_key, homonym, tokens, nickname, phonetic, compound_given FROM new_author_names;
INSERT INTO author_blocks BY NAME
SELECT key_number(substr(md5(block_key), 1, 16)) AS block_id, author_id
FROM (SELECT unnest(name_block_keys(tokens, nickname)) AS block_key, author_id FROM new_author_names);
