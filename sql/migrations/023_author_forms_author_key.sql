-- author_forms keeps the author's key as text too: one short string per distinct form, so a query
-- filtering paper_authors or authors on author_key finds the forms first instead of printing the key of
-- every authorship.
ALTER TABLE author_forms ADD COLUMN author_key VARCHAR;  -- authors.author_key, the 16 hex digits of author_id
UPDATE author_forms SET author_key = printf('%016x', author_id);
