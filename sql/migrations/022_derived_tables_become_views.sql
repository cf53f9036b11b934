-- authors, cluster_papers, clusters and venues become views over the fact tables (sql/views/), created
-- after the migrations: always consistent with the facts, and nothing to rewrite on every batch.
DROP TABLE authors;
DROP TABLE cluster_papers;
DROP TABLE clusters;
DROP TABLE venues;
