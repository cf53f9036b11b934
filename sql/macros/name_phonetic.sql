-- macro: Name tokens (name_tokens) with common transliterations folded, so Juergen/Jürgen, Sergei/Sergey,
-- Aleksandr/Alexander, Petr/Peter and Mohamed/Mohammed meet: ue, oe, ae -> u, o, a; ks -> x; a final ey, iy
-- -> ei, i; a final er -> r; doubled consonants -> one.
-- depends on: nothing
CREATE OR REPLACE TEMP MACRO name_phonetic(tokens) AS
    list_transform(
        tokens,
        lambda token: replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(token, '([uoa])e', '\1', 'g'), 'ks', 'x', 'g'), 'ey$', 'ei'), 'iy$', 'i'), 'er$', 'r'), 'mm', 'm'), 'nn', 'n'), 'll', 'l'), 'tt', 't'), 'ss', 's'), 'rr', 'r'), 'ff', 'f'), 'kk', 'k'), 'pp', 'p'), 'dd', 'd')
    );
