-- 005: postings for a passage search whose cost does not grow with the corpus. One row a word of
-- a passage, with the word's BM25 weight in it at a fixed reference length (`impact`), under a
-- btree on (word, impact DESC): a question takes each of its words' best passages from the
-- front of the index (PgPassageSearch takes 1,000 a word), where the GIN index on `tokens` found
-- every passage holding a word and a common word meant most of the corpus. Kept by statement
-- triggers as passages are inserted and deleted (passages are never updated: 002 refuses it).
--
-- Lean on purpose, the word's count in the passage is not stored: the search reads the counts of
-- the few candidates from their `tokens`, and a posting is found again for deletion by its
-- (word, impact, passage), the impact being computed the same way from the deleted row.

-- BM25's weight of a word `tf` times in a passage of `length` tokens (k1 = 1.2, b = 0.75, as
-- search/bm25.ts), at an average length of 40 tokens (the corpus's passages average about 41):
-- what orders a word's passages. The ranking itself uses the corpus's true average length.
CREATE FUNCTION posting_impact(tf integer, length integer) RETURNS real
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / 40.0)))::real $$;

CREATE TABLE passage_postings (
  passage_id bigint NOT NULL,
  impact     real NOT NULL,
  word       text NOT NULL
);

INSERT INTO passage_postings (passage_id, impact, word)
  SELECT p.id, posting_impact(cardinality(u.positions), p.length), u.lexeme FROM passages p, unnest(p.tokens) u;

-- The one index: a word's best passages first (ties by passage), and a posting found for deletion.
CREATE INDEX passage_postings_best ON passage_postings (word, impact DESC, passage_id);

-- Nothing searches `tokens` through the GIN index any more; it only cost room and writing time.
DROP INDEX passages_tokens;

CREATE FUNCTION post_passages_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO passage_postings (passage_id, impact, word)
    SELECT p.id, posting_impact(cardinality(u.positions), p.length), u.lexeme FROM added p, unnest(p.tokens) u;
  RETURN NULL;
END
$$;

-- Each deleted posting looked up in the index (a report's passages are a few thousand postings
-- of millions): the planner, knowing nothing of the transition table, might scan them all.
CREATE FUNCTION unpost_passages_removed() RETURNS trigger LANGUAGE plpgsql
  SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  DELETE FROM passage_postings pp
   USING (SELECT p.id, posting_impact(cardinality(u.positions), p.length) AS impact, u.lexeme AS word FROM removed p, unnest(p.tokens) u) r
   WHERE pp.word = r.word AND pp.impact = r.impact AND pp.passage_id = r.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER passages_posted AFTER INSERT ON passages
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION post_passages_added();
CREATE TRIGGER passages_unposted AFTER DELETE ON passages
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION unpost_passages_removed();
