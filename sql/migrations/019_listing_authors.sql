-- table: Fact table: each author of each paper as one loaded page shows it, in order.
-- paper_authors is a view over the listing each paper's row in papers comes from, so authorships are stored once.
CREATE TABLE listing_authors (
    page_id INTEGER NOT NULL,  -- loaded_pages.page_id of the page that shows the author list
    paper_id UBIGINT NOT NULL,  -- page_listings.paper_id
    position INTEGER NOT NULL,  -- 1-based position in the shown author list
    form_id INTEGER NOT NULL  -- author_forms.form_id: who, and exactly how the list shows them
);
INSERT INTO listing_authors
SELECT pages.page_id, key_number(shown.paper_key), shown.position, forms.form_id
FROM page_authorships AS shown
JOIN loaded_pages AS pages ON pages.source = shown.source
JOIN author_forms AS forms
    ON forms.author_id = key_number(shown.author_key)
    AND forms.raw = shown.raw
    AND forms.name = shown.name
    AND forms.homonym IS NOT DISTINCT FROM shown.homonym;
DROP TABLE page_authorships;
