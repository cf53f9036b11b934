-- macro: Whether a name's given name is one hyphenated word of two full parts ("Ana-Luisa Ortega",
-- "Jean-Pierre Roux"): such a given name is a name of its own, not a given name plus a middle name, so
-- "Ana Ortega" is not a form of it. Initials ("J.-P. Roux") do not count: they may abbreviate either.
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO name_compound_given(name) AS
    regexp_matches(
        trim(regexp_replace(name, '\([^)]*\)', ' ', 'g')), '^[^\s.\-]{2,}-[^\s.\-]{2,}\s+\S'
    );
