-- macro: author_key for a name already normalized with normalized_text, so a load that needs both the
-- normalized name and the key normalizes once.
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO author_key_of_normalized(name_norm, homonym) AS
    substr(md5(name_norm || '|' || coalesce(homonym, '')), 1, 16);
