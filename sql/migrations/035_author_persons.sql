-- table: Which person each author (each name group, every form of it) belongs to.
CREATE TABLE author_persons (
    author_id UBIGINT NOT NULL,  -- authors.author_key as a number
    author_key VARCHAR NOT NULL,  -- authors.author_key
    person_id BIGINT NOT NULL,  -- persons.person_id: stable across re-runs
    PRIMARY KEY (author_id)
);
-- each existing author a person of its own, numbered 1, 2, ... (identity_state records the highest)
INSERT INTO author_persons SELECT author_id, author_key, row_number() OVER (ORDER BY author_id) FROM author_names;
