-- Persons, not name strings. An author (normalized name plus dblp number) is a group of mentions; a person
-- is one or more authors that the resolution (sql/identity/) or an override links. These tables hold
-- the result, kept current batch by batch for the name blocks a batch touches.
-- table: Each author's name as the resolution reads it: accent-folded tokens without the nickname. Insert-only.
-- Read from the author's first form: its forms differ only in case and punctuation, which the tokens fold.
CREATE TABLE author_names (
    author_id UBIGINT NOT NULL,  -- authors.author_key as a number
    author_key VARCHAR NOT NULL,  -- authors.author_key
    homonym VARCHAR,  -- dblp homonym number, or NULL
    tokens VARCHAR[] NOT NULL,  -- accent-folded, lower-case name tokens, nickname left out
    nickname VARCHAR,  -- the nickname shown in parentheses ("Jian (Jack) Li" -> jack), or NULL
    phonetic VARCHAR[] NOT NULL,  -- the tokens with transliterations folded (name_phonetic)
    PRIMARY KEY (author_id)
);
-- Existing authors: their names are read now (blocks and persons follow in the next migrations), each
-- author a person of its own; `biblioduck identity resolve` then links them.
INSERT INTO author_names
WITH spellings AS (
    SELECT author_id, author_key, name, homonym, form_id AS rank FROM author_forms
    UNION ALL
    SELECT cluster_author_id, cluster_author_key, cluster_author_name, cluster_homonym, 2147483647 FROM loaded_pages
),
first_spelling AS (
    SELECT * FROM spellings QUALIFY row_number() OVER (PARTITION BY author_id ORDER BY rank, name) = 1
)
SELECT author_id, author_key, homonym, name_tokens(name), name_nickname(name), name_phonetic(name_tokens(name))
FROM first_spelling;
