-- test: every paper_authors row names a paper in papers.
-- Why: an authorship whose paper is missing is counted by author_stats but shown nowhere; it means a
-- listing or a choice was lost while its authors stayed.
SELECT pa.paper_key, pa.author_key, pa.source
FROM paper_authors_by_id AS pa
WHERE pa.paper_id IN (SELECT paper_id FROM test_papers)
    AND pa.paper_id NOT IN (SELECT paper_id FROM papers_by_id WHERE paper_id IN (SELECT paper_id FROM test_papers))
