-- table: Every distinct form an author list has shown (name, homonym number, raw text), numbered.
-- listing_authors points here by form_id instead of repeating names. Insert-only: a form no page shows any
-- more stays, harmlessly, and saves keying it again when it comes back.
ALTER TABLE author_forms RENAME TO author_forms_before_ids;
CREATE TABLE author_forms (
    form_id INTEGER NOT NULL,  -- integer id of the form, used by listing_authors
    author_id UBIGINT NOT NULL,  -- the author's key as a number: authors.author_key is its 16 hex digits
    name VARCHAR NOT NULL,  -- name without homonym number, as shown
    homonym VARCHAR,  -- dblp-style homonym number such as 0001, when shown
    raw VARCHAR NOT NULL,  -- the author exactly as shown
    name_norm VARCHAR NOT NULL  -- normalized name (no homonym), to match against cluster names
);
INSERT INTO author_forms
WITH name_norms AS (
    SELECT DISTINCT author_key, name, name_norm FROM page_authorships
)
SELECT
    CAST(row_number() OVER (ORDER BY forms.author_key, forms.raw, forms.name, forms.homonym) AS INTEGER),
    key_number(forms.author_key), forms.name, forms.homonym, forms.raw, norms.name_norm
FROM author_forms_before_ids AS forms
JOIN name_norms AS norms ON norms.author_key = forms.author_key AND norms.name = forms.name;
DROP TABLE author_forms_before_ids;
