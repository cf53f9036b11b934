-- macro: A paper is identified by its normalized title and year, wherever it is listed. A title made only of
-- punctuation normalizes to '' and would collide, so it is keyed verbatim instead.
-- depends on: normalized_text
CREATE OR REPLACE TEMP MACRO paper_key(title, year) AS
    substr(md5(coalesce(nullif(normalized_text(title), ''), title) || '|' || coalesce(CAST(year AS VARCHAR), '')), 1, 16);
