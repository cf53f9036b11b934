-- table: Name groups whose coauthor graph falls apart into pieces: maybe several people, for review. Never split automatically.
CREATE TABLE person_suspects (
    author_id UBIGINT NOT NULL,  -- the name group
    author_key VARCHAR NOT NULL,  -- authors.author_key
    papers INTEGER NOT NULL,  -- its papers
    pieces INTEGER NOT NULL,  -- connected pieces of its papers, linked by a shared coauthor
    piece_sizes INTEGER[] NOT NULL  -- papers per piece, largest first
);
