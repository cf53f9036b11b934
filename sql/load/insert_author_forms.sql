INSERT INTO author_forms BY NAME
SELECT form_id, author_id, author_key, name, homonym, raw, name_norm
FROM batch_forms
WHERE is_new;
