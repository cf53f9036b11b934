-- macro: The normalized title alone, keyed like paper_key without the year: the listings that may be one
-- paper when one of them shows no year (its venue line failed the grammar).
-- depends on: normalized_text
CREATE OR REPLACE TEMP MACRO title_key(title) AS
    substr(md5(coalesce(nullif(normalized_text(title), ''), title)), 1, 16);
