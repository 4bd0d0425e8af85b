-- 003: what questions are answered from. One row a report as answers count it: a group of copies
-- (`copy_key`) merged cell by cell as the embedded engine merges them (ingest/copies.ts), and one
-- row a metric of it, holding the metric's facts and its reading (the first table fact, else the
-- first fact). The writer makes both again, in the transaction that writes or removes a member
-- file, so that a ranking or a sum is one indexed query over readings that count a report once.

CREATE TABLE report_groups (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  copy_key     text NOT NULL UNIQUE,
  -- The primary copy's file (by findings, then format, then name): the report's id in answers.
  file         text COLLATE "C" NOT NULL UNIQUE,
  -- Every file of the group, the primary first.
  files        text[] NOT NULL,
  agency       text NOT NULL,
  agency_key   text COLLATE agency_order NOT NULL,
  aliases      text[] NOT NULL,
  province     text,
  city         text,
  county       text,
  year         integer NOT NULL,
  template     text NOT NULL CHECK (template IN ('2019', '2021')),
  published_at text,
  title        text NOT NULL,
  -- The primary copy's sections without their texts: [{no, title, start, end}] (citations name them).
  sections     jsonb NOT NULL,
  -- The merged findings: [{rule, severity, metrics, message}].
  findings     jsonb NOT NULL,
  -- Findings that are not info, for the corpus overview.
  serious      integer NOT NULL
);
CREATE INDEX report_groups_order ON report_groups (agency_key, year, file);
CREATE INDEX report_groups_year ON report_groups (year, agency_key, file);
CREATE INDEX report_groups_agency ON report_groups (agency);

CREATE TABLE readings (
  group_id   bigint NOT NULL REFERENCES report_groups ON DELETE CASCADE,
  metric     text NOT NULL,
  -- The group's, repeated so that a ranking's order comes from one index.
  template   text NOT NULL,
  year       integer NOT NULL,
  agency_key text COLLATE agency_order NOT NULL,
  file       text COLLATE "C" NOT NULL,
  -- The reading's state and number (a double, as the store holds it).
  kind       text NOT NULL CHECK (kind IN ('number', 'blank', 'not_applicable', 'text', 'unknown')),
  value      float8 CHECK ((kind = 'number') = (value IS NOT NULL)),
  -- Another fact of the metric states another number (Reading.disagree).
  disagree   boolean NOT NULL,
  -- Where the metric's first narrative figure is among the report's facts; null: the narrative states none.
  narrated   integer,
  -- Every fact of the metric in report order: [{metric, value, unit, origin, section, source, label?}].
  facts      jsonb NOT NULL,
  PRIMARY KEY (group_id, metric)
);
CREATE INDEX readings_ranked ON readings (metric, year, value, agency_key, file) WHERE kind = 'number';
CREATE INDEX readings_ranked_all_years ON readings (metric, value, agency_key, year, file) WHERE kind = 'number';
CREATE INDEX readings_stated ON readings (metric, year, agency_key, file);
CREATE INDEX readings_conflicts ON readings (group_id) WHERE disagree AND narrated IS NOT NULL;
