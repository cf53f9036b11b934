-- The venues with most papers.
SELECT rank, venue, venue_kind, papers, authors, first_year, last_year FROM top_venues WHERE rank <= $limit ORDER BY rank;
