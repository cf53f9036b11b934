-- macro: A name as identity resolution reads it: accent-folded, lower-case tokens, nickname in
-- parentheses left out ("José (Pepe) García-Ruiz" -> [jose, garcia, ruiz]). Letters strip_accents keeps
-- (ł, ø, đ, ı, ß, æ, œ) are folded too.
-- depends on: normalized_text
CREATE OR REPLACE TEMP MACRO name_tokens(name) AS
    list_filter(
        string_split(
            replace(replace(replace(translate(
                strip_accents(normalized_text(regexp_replace(name, '\([^)]*\)', ' ', 'g'))), 'łøđı', 'lodi'
            ), 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'),
            ' '
        ),
        lambda token: token <> ''
    );
