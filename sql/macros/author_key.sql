-- macro: An author is a normalized name plus the dblp homonym number, so "Chen Huang 0001" and
-- "Chen Huang 0002" stay apart while "R. Devon Hjelm" and "R Devon Hjelm" meet.
-- depends on: normalized_text, author_key_of_normalized
CREATE OR REPLACE TEMP MACRO author_key(name, homonym) AS
    author_key_of_normalized(normalized_text(name), homonym);
