DELETE FROM authors WHERE author_key IN (SELECT author_key FROM affected_authors);
INSERT INTO authors BY NAME SELECT * FROM next_authors;
