-- Sources of the batch loaded before under other content (or re-parsed): their old contribution is replaced.
CREATE OR REPLACE TEMP TABLE replaced_pages AS
SELECT loaded_page_id AS page_id FROM batch_pages WHERE loaded_page_id IS NOT NULL;
