-- Output over time of the few authors with most papers.
SELECT y.name, y.year, y.papers, y.first_author_papers
FROM author_output_by_year AS y
SEMI JOIN (FROM author_shares WHERE rank <= $limit) AS top ON top.author_key = y.author_key
ORDER BY y.name, y.year;
