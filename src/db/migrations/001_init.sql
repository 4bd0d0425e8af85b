-- 001: the reports, what was read from them, their passages for search, and what bot replicas
-- share. Offsets (start_offset, end_offset) count UTF-16 code units, as JavaScript does: they
-- index the report's text on the JavaScript side, not with SQL's substring.

-- Agencies are ordered as the embedded fact store orders them (Intl.Collator('zh'), pinyin),
-- so that ties of a ranking come in the same order on both storages. Without ICU the order is by
-- code point, and only the order of ties can differ.
DO $$
BEGIN
  CREATE COLLATION agency_order (provider = icu, locale = 'zh');
EXCEPTION WHEN feature_not_supported THEN
  CREATE COLLATION agency_order FROM "C";
END
$$;

CREATE TABLE reports (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The path relative to the corpus folder, with forward slashes: the Report's id.
  file           text NOT NULL UNIQUE,
  sha256         text NOT NULL,
  size           bigint NOT NULL,
  mtime_ms       double precision NOT NULL,
  -- parserVersion() of the code that read it: a report read by other code is read again.
  parser_version text NOT NULL,
  agency         text NOT NULL,
  -- agencyKey(): the name, or the name and its place where agencies of different places share
  -- the name (鼓楼区教育局（福州市）). Depends on the other reports: the writer keeps it current.
  agency_key     text COLLATE agency_order NOT NULL,
  aliases        text[] NOT NULL,
  province       text,
  city           text,
  county         text,
  year           integer NOT NULL,
  template       text NOT NULL CHECK (template IN ('2019', '2021')),
  published_at   text CHECK (published_at ~ '^\d{4}-\d{2}-\d{2}$'),
  title          text NOT NULL,
  text           text NOT NULL,
  -- copyKey(): files sharing it are copies of one report (the web page and its PDF).
  copy_key       text NOT NULL,
  written_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_agency_key_year ON reports (agency_key, year);
CREATE INDEX reports_year ON reports (year);
CREATE INDEX reports_agency ON reports (agency);
CREATE INDEX reports_aliases ON reports USING gin (aliases);
CREATE INDEX reports_copy_key ON reports (copy_key);

-- 一 … 六 (0: the title and preamble), as the report's outline found them.
CREATE TABLE sections (
  report_id    bigint NOT NULL REFERENCES reports ON DELETE CASCADE,
  ordinal      integer NOT NULL,
  no           smallint NOT NULL CHECK (no BETWEEN 0 AND 6),
  title        text NOT NULL,
  text         text NOT NULL,
  start_offset integer NOT NULL,
  end_offset   integer NOT NULL,
  PRIMARY KEY (report_id, ordinal)
);

-- Every table cell with its state and source, and every figure read from the narrative. A
-- metric's reading in a report is its first table fact, else its first fact (by ordinal).
CREATE TABLE facts (
  report_id bigint NOT NULL REFERENCES reports ON DELETE CASCADE,
  ordinal   integer NOT NULL,
  metric    text NOT NULL,
  origin    text NOT NULL CHECK (origin IN ('table', 'narrative')),
  kind      text NOT NULL CHECK (kind IN ('number', 'blank', 'not_applicable', 'text', 'unknown')),
  value     numeric CHECK ((kind = 'number') = (value IS NOT NULL)),
  text      text CHECK ((kind = 'text') = (text IS NOT NULL)),
  unit      text NOT NULL,
  section   smallint NOT NULL CHECK (section BETWEEN 0 AND 6),
  -- The original cell text, or the sentence of a narrative figure.
  source    text NOT NULL,
  -- For a narrative figure, the words that name it (发布信息).
  label     text,
  PRIMARY KEY (report_id, ordinal)
);
CREATE INDEX facts_metric_report ON facts (metric, report_id);

CREATE TABLE findings (
  report_id bigint NOT NULL REFERENCES reports ON DELETE CASCADE,
  ordinal   integer NOT NULL,
  rule      text NOT NULL,
  severity  text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  metrics   text[] NOT NULL,
  message   text NOT NULL,
  PRIMARY KEY (report_id, ordinal)
);

-- The passages the embedded index holds (prose, and one passage per table row), with the
-- jieba tokens of their indexed text (section title, heading, text) as lexemes with positions.
-- The tokens are cast to tsvector as they are, not parsed again by a text search configuration:
-- that is `simple` with jieba in place of the default parser, which would cut 0451-57335436
-- and 鹤岗市教育局 differently from the embedded index.
CREATE TABLE passages (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id     bigint NOT NULL REFERENCES reports ON DELETE CASCADE,
  ordinal       integer NOT NULL,
  section_no    smallint NOT NULL CHECK (section_no BETWEEN 0 AND 6),
  section_title text NOT NULL,
  -- The table (1–3) of a table-row passage; null for prose.
  row_table     smallint CHECK (row_table BETWEEN 1 AND 3),
  text          text NOT NULL,
  start_offset  integer NOT NULL,
  end_offset    integer NOT NULL,
  tokens        tsvector NOT NULL,
  UNIQUE (report_id, ordinal)
);
CREATE INDEX passages_tokens ON passages USING gin (tokens);

-- What bot replicas share, so that any replica serves any update. Schema only for now: the bot
-- still keeps these in memory (src/bot/answer_store.ts, rate_limit.ts, pending.ts).

-- Answers shown with buttons (来源, 更多 …), by the id their callback data carries.
CREATE TABLE shown_answers (
  id         text PRIMARY KEY,
  answer     jsonb NOT NULL,
  pages      text[] NOT NULL,
  touched_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shown_answers_touched ON shown_answers (touched_at);

-- Per-user sliding windows: the times of the takes within the window, and until when the
-- "slow down" note has been given. One row a key, updated under its row lock.
CREATE TABLE rate_limits (
  key           text PRIMARY KEY,
  hits          timestamptz[] NOT NULL,
  refused_until timestamptz
);

-- Uploads and link lists awaiting their owner's button press (加入语料 / 取消).
CREATE TABLE pending_uploads (
  id         text PRIMARY KEY,
  owner      bigint NOT NULL,
  -- What was read and shown (the candidate's name and summary, or the links listed).
  value      jsonb NOT NULL,
  -- The file itself, up to 20 MB, for an upload.
  bytes      bytea,
  expires_at timestamptz NOT NULL
);
CREATE INDEX pending_uploads_expires ON pending_uploads (expires_at);
