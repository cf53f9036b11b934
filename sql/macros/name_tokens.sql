-- macro: A name as identity resolution reads it: accent-folded, lower-case tokens, nickname in
-- parentheses left out ("José (Pepe) García-Ruiz" -> [jose, garcia, ruiz]).
-- depends on: normalized_text
CREATE OR REPLACE TEMP MACRO name_tokens(name) AS
    list_filter(
        string_split(strip_accents(normalized_text(regexp_replace(name, '\([^)]*\)', ' ', 'g'))), ' '),
        lambda token: token <> ''
    );
