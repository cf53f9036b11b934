-- table: Which listing speaks for each paper, and how many loaded pages list the paper.
-- The chosen listing has the longest author list, then the longest abstract, then the smallest source.
-- The papers and paper_authors views read the chosen listing through it.
CREATE TABLE paper_choice (
    paper_id UBIGINT NOT NULL,  -- page_listings.paper_id
    page_id INTEGER NOT NULL,  -- the page whose listing is chosen
    content_id UBIGINT NOT NULL,  -- that listing's content_id, to count changed papers
    listed_on_pages INTEGER NOT NULL  -- how many loaded pages list this paper
);
INSERT INTO paper_choice
SELECT listing.paper_id, listing.page_id, listing.content_id, papers.listed_on_pages
FROM papers
JOIN loaded_pages AS pages ON pages.source = papers.source
JOIN page_listings AS listing
    ON listing.page_id = pages.page_id AND listing.paper_id = key_number(papers.paper_key);
DROP TABLE papers;
