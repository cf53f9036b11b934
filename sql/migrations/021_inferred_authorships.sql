-- table: Authorships no list shows: a page of cluster X lists a paper whose list, capped at 8, lacks X.
-- paper_authors shows them with position NULL, unless the paper's chosen list shows X after all.
CREATE TABLE inferred_authorships (
    paper_id UBIGINT NOT NULL,  -- page_listings.paper_id
    author_id UBIGINT NOT NULL,  -- the cluster's author: loaded_pages.cluster_author_id
    inferred_from VARCHAR NOT NULL  -- the smallest source of the cluster pages that imply it
);
INSERT INTO inferred_authorships
SELECT key_number(paper_key), key_number(author_key), inferred_from
FROM paper_authors
WHERE inferred;
DROP TABLE paper_authors;
