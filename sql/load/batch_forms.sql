-- Every distinct author form the batch shows, with its form_id and key. Forms seen before reuse their
-- stored id and key; only new ones are keyed (NFC + regex + md5, the costly part) and numbered, in a fixed
-- order so the numbering of one batch does not depend on how its rows happen to arrive.
CREATE OR REPLACE TEMP TABLE batch_forms AS
WITH looked_up AS (
    SELECT staged.*, known.form_id AS known_form_id, known.author_id AS known_author_id, known.name_norm AS known_name_norm
    FROM staged_forms AS staged
    LEFT JOIN author_forms AS known
        ON known.raw = staged.raw AND known.name = staged.name AND known.homonym IS NOT DISTINCT FROM staged.homonym
),
highest_id AS (
    SELECT coalesce(max(form_id), 0) AS form_id FROM author_forms
),
keyed AS (
    SELECT
        looked_up.*,
        known_form_id IS NULL AS is_new,
        -- CASE, not coalesce: the costly branch then runs for new forms only
        CASE WHEN known_form_id IS NULL THEN key_number(author_key(name, homonym)) ELSE known_author_id END AS author_id,
        CASE WHEN known_form_id IS NULL THEN normalized_text(name) ELSE known_name_norm END AS name_norm,
        coalesce(
            known_form_id,
            highest_id.form_id
                + row_number() OVER (PARTITION BY known_form_id IS NULL ORDER BY raw, name, homonym NULLS FIRST)
        )::INTEGER AS form_id
    FROM looked_up, highest_id
)
SELECT form_index, form_id, is_new, author_id, name, homonym, raw, name_norm
FROM keyed;
