-- table: Which stylesheets a page version linked and was parsed with, in the page's order.
CREATE TABLE page_stylesheets (
    source VARCHAR NOT NULL,  -- raw_pages.source of the page
    page_sha256 VARCHAR NOT NULL,  -- raw_pages.sha256 of the page version
    position INTEGER NOT NULL,  -- 1-based order of the <link rel="stylesheet"> among those fetched
    href VARCHAR NOT NULL,  -- the link's href exactly as the page writes it
    url VARCHAR NOT NULL,  -- raw_stylesheets.url: the href resolved against the page's URL
    sheet_sha256 VARCHAR NOT NULL,  -- raw_stylesheets.sha256 of the version used
    PRIMARY KEY (source, page_sha256, position)
);
