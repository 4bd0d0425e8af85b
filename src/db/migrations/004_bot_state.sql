-- 004: what bot replicas share, made usable (001 declared it as schema only), and the files of
-- reports added through the bot or `npm run add`, which live in the database rather than in
-- any one replica's corpus folder. Independent of the fact tables.

-- Answers behind buttons: pruned by age (touched_at) and count, as the bot writes new ones.
-- (shown_answers is used as 001 declared it.)

-- Per-user sliding windows. last_at: the latest take, for pruning windows long past.
ALTER TABLE rate_limits ADD COLUMN last_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX rate_limits_last_at ON rate_limits (last_at);

-- One take of `p_key`'s window, atomic across replicas: the row is created if missing, then
-- locked (FOR UPDATE) while its hits within the window are counted and the take recorded. A
-- refused take is not recorded; the first refusal of a window says so (and sets refused_until).
CREATE FUNCTION rate_limit_take(p_key text, p_limit integer, p_window interval, p_now timestamptz)
RETURNS TABLE (allowed boolean, first_refusal boolean)
LANGUAGE plpgsql AS $$
DECLARE
  recent  timestamptz[];
  refused timestamptz;
BEGIN
  INSERT INTO rate_limits (key, hits, last_at) VALUES (p_key, '{}', p_now) ON CONFLICT (key) DO NOTHING;
  SELECT ARRAY(SELECT h FROM unnest(r.hits) AS h WHERE h > p_now - p_window ORDER BY h), r.refused_until
    INTO recent, refused
    FROM rate_limits r WHERE r.key = p_key FOR UPDATE;
  IF cardinality(recent) < p_limit THEN
    UPDATE rate_limits SET hits = recent || p_now, last_at = greatest(last_at, p_now) WHERE key = p_key;
    RETURN QUERY SELECT true, false;
  ELSIF refused IS NULL OR refused <= p_now THEN
    UPDATE rate_limits SET hits = recent, refused_until = p_now + p_window, last_at = greatest(last_at, p_now) WHERE key = p_key;
    RETURN QUERY SELECT false, true;
  ELSE
    UPDATE rate_limits SET hits = recent, last_at = greatest(last_at, p_now) WHERE key = p_key;
    RETURN QUERY SELECT false, false;
  END IF;
END
$$;

-- Pending things of different kinds (an upload, a list of a page's attachments) share the
-- table; a press finds only its own kind.
ALTER TABLE pending_uploads ADD COLUMN kind text NOT NULL DEFAULT 'upload';
ALTER TABLE pending_uploads ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
-- A press being worked on holds the row until then; a replica killed meanwhile lets it lapse, and
-- the upload can be confirmed again (it is deleted only once added or dropped).
ALTER TABLE pending_uploads ADD COLUMN claimed_until timestamptz;
CREATE INDEX pending_uploads_kind_created ON pending_uploads (kind, created_at);

-- The bytes of every report added through the bot or `npm run add` with DATABASE_URL: the
-- database is their corpus folder. `npm run index` reads them again from here when the parser
-- changes, and never takes their reports out for being absent from a folder. `file` is the
-- report's `reports.file` (under added/), kept apart from the folder's names.
CREATE TABLE report_files (
  file     text PRIMARY KEY,
  bytes    bytea NOT NULL,
  sha256   text NOT NULL,
  -- The charset a server named when the file was fetched from a link, to read it the same way.
  charset  text,
  added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_files_sha256 ON report_files (sha256);

-- "The corpus already holds these bytes", asked before every addition.
CREATE INDEX reports_sha256 ON reports (sha256);
