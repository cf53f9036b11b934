-- Authors of listings dropped as duplicates within a page, and of unchanged pages, are left out by the join.
INSERT INTO listing_authors BY NAME
SELECT listing.page_id, listing.paper_id, shown.position, forms.form_id
FROM staged_authorships AS shown
JOIN batch_papers AS listing ON listing.paper_row = shown.paper_row
JOIN batch_forms AS forms ON forms.form_index = shown.form_index;
