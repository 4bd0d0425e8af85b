-- 002: the counts the passage ranking needs (BM25: how many passages hold a word, how many
-- passages there are and their average length), kept by the database itself as passages come
-- and go, so that a question reads a few rows instead of counting over the GIN index.

-- A passage's length in tokens, repeats counted (the embedded index's BM25 length).
CREATE FUNCTION token_count(tsvector) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(sum(cardinality(positions)), 0)::integer FROM unnest($1) $$;

ALTER TABLE passages ADD COLUMN length integer GENERATED ALWAYS AS (token_count(tokens)) STORED;

-- How many passages hold each word.
CREATE TABLE passage_words (
  word     text PRIMARY KEY,
  passages integer NOT NULL CHECK (passages >= 0)
);

-- One row: how many passages there are, and their tokens in all.
CREATE TABLE passage_totals (
  one      boolean PRIMARY KEY DEFAULT true CHECK (one),
  passages bigint NOT NULL,
  length   bigint NOT NULL
);

INSERT INTO passage_words (word, passages)
  SELECT u.lexeme, count(*) FROM passages p, unnest(p.tokens) u GROUP BY u.lexeme;
INSERT INTO passage_totals (passages, length)
  SELECT count(*), coalesce(sum(token_count(tokens)), 0) FROM passages;

-- Statement triggers with the statement's rows: a report written or taken out (its passages
-- deleted by the cascade) updates each word's count once. The writer inserts and deletes
-- passages, never updates them.
CREATE FUNCTION count_passages_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO passage_words AS w (word, passages)
    SELECT u.lexeme, count(*) FROM added p, unnest(p.tokens) u GROUP BY u.lexeme
    ON CONFLICT (word) DO UPDATE SET passages = w.passages + excluded.passages;
  UPDATE passage_totals
     SET passages = passage_totals.passages + a.n, length = passage_totals.length + a.len
    FROM (SELECT count(*) AS n, coalesce(sum(token_count(tokens)), 0) AS len FROM added) a;
  RETURN NULL;
END
$$;

CREATE FUNCTION count_passages_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE passage_words w SET passages = w.passages - g.n
    FROM (SELECT u.lexeme AS word, count(*) AS n FROM removed p, unnest(p.tokens) u GROUP BY u.lexeme) g
   WHERE w.word = g.word;
  DELETE FROM passage_words w USING (SELECT DISTINCT u.lexeme AS word FROM removed p, unnest(p.tokens) u) g
   WHERE w.word = g.word AND w.passages = 0;
  UPDATE passage_totals
     SET passages = passage_totals.passages - r.n, length = passage_totals.length - r.len
    FROM (SELECT count(*) AS n, coalesce(sum(token_count(tokens)), 0) AS len FROM removed) r;
  RETURN NULL;
END
$$;

CREATE TRIGGER passages_added AFTER INSERT ON passages
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_passages_added();
CREATE TRIGGER passages_removed AFTER DELETE ON passages
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_passages_removed();

-- Passages are never changed in place; one that were would leave the counts wrong.
CREATE FUNCTION refuse_passage_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'passages are inserted and deleted, never updated (passage_words would go wrong)';
END
$$;
CREATE TRIGGER passages_unchanged BEFORE UPDATE ON passages FOR EACH STATEMENT EXECUTE FUNCTION refuse_passage_update();
