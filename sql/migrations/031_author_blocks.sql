-- table: Blocking keys: authors sharing a key are compared; one row per (key, author). Insert-only.
CREATE TABLE author_blocks (
    block_key VARCHAR NOT NULL,  -- kind:value, e.g. "si:suau x" (surname and first initial)
    author_id UBIGINT NOT NULL  -- author_names.author_id
);
-- existing authors' blocks, so an upgraded file starts where a new one would
INSERT INTO author_blocks SELECT unnest(name_block_keys(tokens, nickname)), author_id FROM author_names;
