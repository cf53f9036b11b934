-- table: Blocking keys: authors sharing a key are compared; one row per (key, author). Insert-only.
CREATE TABLE author_blocks (
    block_id UBIGINT NOT NULL,  -- a blocking key (name_block_keys, e.g. "si:suau x": surname and initial) as the number its md5 starts with
    author_id UBIGINT NOT NULL  -- author_names.author_id
);
-- existing authors' blocks, so an upgraded file starts where a new one would
INSERT INTO author_blocks
SELECT key_number(substr(md5(block_key), 1, 16)), author_id
FROM (SELECT unnest(name_block_keys(tokens, nickname)) AS block_key, author_id FROM author_names);
