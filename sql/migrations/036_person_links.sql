-- table: One row per merge decision in force: two author groups linked into one person, the rule, the evidence.
CREATE TABLE person_links (
    person_id BIGINT NOT NULL,  -- the person the link belongs to
    author_id_a UBIGINT NOT NULL,  -- one group (the smaller author_id)
    author_key_a VARCHAR NOT NULL,  -- its authors.author_key
    author_id_b UBIGINT NOT NULL,  -- the other group
    author_key_b VARCHAR NOT NULL,  -- its authors.author_key
    rule VARCHAR NOT NULL,  -- the variant rule (accent_or_case, hyphen_or_space, middle_name, second_surname, nickname, leading_initial, given_name_prefix, swapped_order, transliteration, close_spelling) or override_link / override_assign
    strength VARCHAR NOT NULL,  -- strong (needs 1 shared coauthor), weak (needs 2) or override
    shared_coauthors INTEGER NOT NULL,  -- distinct coauthors (surname and initial) both groups have
    shared_coauthor_names VARCHAR[],  -- up to 5 of them
    shared_pages INTEGER NOT NULL,  -- loaded pages listing papers of both groups
    shared_venues INTEGER NOT NULL,  -- venues both groups published at
    score DOUBLE NOT NULL,  -- 0..1: rule strength plus evidence, documented in README
    override_id INTEGER,  -- identity_overrides.override_id when an override made the link
    decided_at TIMESTAMPTZ NOT NULL  -- when the link was (re)decided
);
