-- The authors with most papers, with their first- and last-author shares.
SELECT rank, author_key, name, papers, first_author_papers, last_author_papers, first_author_share, last_author_share
FROM author_shares
WHERE rank <= $limit
ORDER BY rank;
