DELETE FROM author_forms
WHERE author_key IN (SELECT author_key FROM replaced_authors UNION ALL SELECT author_key FROM batch_authorships);
INSERT INTO author_forms BY NAME SELECT * FROM next_author_forms;
