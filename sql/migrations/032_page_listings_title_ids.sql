-- A listing whose venue line fails the grammar has no year, so "title|year" keys it apart from the dated
-- listings of the same paper. page_listings keeps the key the listing itself spells (listed_paper_id) and
-- the key of its title alone (title_id); paper_id becomes the paper the listing is resolved to: the one
-- dated paper with that title whose author list agrees with it, else its own key. Existing listings keep
-- their own key here; the next load of their pages (or `ingest --reparse`) resolves them.
ALTER TABLE page_listings ADD COLUMN title_id UBIGINT;  -- the normalized title's key as a number (title_key)
ALTER TABLE page_listings ADD COLUMN listed_paper_id UBIGINT;  -- the paper key "title|year" this listing spells; paper_id differs when an undated listing joined a dated paper
UPDATE page_listings SET
    title_id = CAST('0x' || substr(md5(coalesce(nullif(normalized_text(title), ''), title)), 1, 16) AS UBIGINT),
    listed_paper_id = paper_id;
