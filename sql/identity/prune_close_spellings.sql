-- First answer to a conflict: the close spellings of a conflicting component go, the least certain of the
-- name rules (Alexandra / Alexander), so a transliteration or a given-name prefix beside them can stay.
DELETE FROM identity_edges
WHERE rule = 'close_spelling'
    AND author_id_a IN (
        SELECT author_id FROM identity_components WHERE label IN (SELECT label FROM identity_conflicts)
    );
