-- macro: The nickname a name shows in parentheses, accent-folded ("Jian (Jack) Li" -> jack), or NULL.
-- depends on: normalized_text
CREATE OR REPLACE TEMP MACRO name_nickname(name) AS
    nullif(strip_accents(normalized_text(coalesce(regexp_extract(name, '\(([^)]*)\)', 1), ''))), '');
