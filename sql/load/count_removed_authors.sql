WITH still_shown AS (
    SELECT DISTINCT forms.author_id
    FROM listing_authors AS shown
    JOIN author_forms AS forms ON forms.form_id = shown.form_id
    WHERE forms.author_id IN (SELECT author_id FROM replaced_authors)
    UNION
    SELECT cluster_author_id FROM loaded_pages WHERE cluster_author_id IN (SELECT author_id FROM replaced_authors)
)
SELECT count(*) FROM replaced_authors WHERE author_id NOT IN (SELECT author_id FROM still_shown);
