-- 006: the counts the fact answers need, kept by the database as reports come and go, so that a
-- question over a year or the whole corpus reads a few rows instead of counting its scope: how
-- many reports a year and template has (and their findings, for the overview), how many reports
-- each agency has (the overview's number of agencies), and how many readings of each metric, year,
-- template and state there are, with the sum of their numbers (a ranking's total, a sum, the
-- absences of a ranking). An index by state serves the absences' examples; the ranking's and
-- list's indexes cover a page's rows.

CREATE TABLE group_counts (
  year          integer NOT NULL,
  template      text NOT NULL,
  reports       integer NOT NULL CHECK (reports >= 0),
  -- Reports with findings that are not info, and those findings (`report_groups.serious`).
  with_findings integer NOT NULL,
  findings      bigint NOT NULL,
  PRIMARY KEY (year, template)
);

CREATE TABLE agency_counts (
  agency_key text COLLATE agency_order PRIMARY KEY,
  reports    integer NOT NULL CHECK (reports >= 0)
);

CREATE TABLE reading_counts (
  metric   text NOT NULL,
  year     integer NOT NULL,
  template text NOT NULL,
  kind     text NOT NULL,
  readings integer NOT NULL CHECK (readings >= 0),
  -- The exact sum of the numbers (kind 'number'; 0 otherwise), as `sum(value::numeric)` would give.
  total    numeric NOT NULL,
  PRIMARY KEY (metric, year, template, kind)
);

INSERT INTO group_counts (year, template, reports, with_findings, findings)
  SELECT year, template, count(*), count(*) FILTER (WHERE serious > 0), sum(serious) FROM report_groups GROUP BY year, template;
INSERT INTO agency_counts (agency_key, reports)
  SELECT agency_key, count(*) FROM report_groups GROUP BY agency_key;
INSERT INTO reading_counts (metric, year, template, kind, readings, total)
  SELECT metric, year, template, kind, count(*), coalesce(sum(value::numeric), 0) FROM readings GROUP BY metric, year, template, kind;

-- Statement triggers with the statement's rows (as 002's): the writer inserts and deletes groups
-- and readings (a removed group's readings by the cascade) and updates their agency key.
CREATE FUNCTION count_groups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE group_counts c SET reports = c.reports - d.reports, with_findings = c.with_findings - d.with_findings, findings = c.findings - d.findings
      FROM (SELECT year, template, count(*) AS reports, count(*) FILTER (WHERE serious > 0) AS with_findings, sum(serious) AS findings
              FROM old_rows GROUP BY year, template) d
     WHERE c.year = d.year AND c.template = d.template;
    UPDATE agency_counts c SET reports = c.reports - d.reports
      FROM (SELECT agency_key, count(*) AS reports FROM old_rows GROUP BY agency_key) d
     WHERE c.agency_key = d.agency_key;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO group_counts AS c (year, template, reports, with_findings, findings)
      SELECT year, template, count(*), count(*) FILTER (WHERE serious > 0), sum(serious) FROM new_rows GROUP BY year, template
      ON CONFLICT (year, template) DO UPDATE
        SET reports = c.reports + excluded.reports, with_findings = c.with_findings + excluded.with_findings, findings = c.findings + excluded.findings;
    INSERT INTO agency_counts AS c (agency_key, reports)
      SELECT agency_key, count(*) FROM new_rows GROUP BY agency_key
      ON CONFLICT (agency_key) DO UPDATE SET reports = c.reports + excluded.reports;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM group_counts c USING (SELECT DISTINCT year, template FROM old_rows) d
     WHERE c.year = d.year AND c.template = d.template AND c.reports = 0;
    DELETE FROM agency_counts c USING (SELECT DISTINCT agency_key FROM old_rows) d
     WHERE c.agency_key = d.agency_key AND c.reports = 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION count_readings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE reading_counts c SET readings = c.readings - d.readings, total = c.total - d.total
      FROM (SELECT metric, year, template, kind, count(*) AS readings, coalesce(sum(value::numeric), 0) AS total
              FROM old_rows GROUP BY metric, year, template, kind) d
     WHERE (c.metric, c.year, c.template, c.kind) = (d.metric, d.year, d.template, d.kind);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO reading_counts AS c (metric, year, template, kind, readings, total)
      SELECT metric, year, template, kind, count(*), coalesce(sum(value::numeric), 0) FROM new_rows GROUP BY metric, year, template, kind
      ON CONFLICT (metric, year, template, kind) DO UPDATE SET readings = c.readings + excluded.readings, total = c.total + excluded.total;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM reading_counts c USING (SELECT DISTINCT metric, year, template, kind FROM old_rows) d
     WHERE (c.metric, c.year, c.template, c.kind) = (d.metric, d.year, d.template, d.kind) AND c.readings = 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER report_groups_added AFTER INSERT ON report_groups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_groups();
CREATE TRIGGER report_groups_changed AFTER UPDATE ON report_groups
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_groups();
CREATE TRIGGER report_groups_removed AFTER DELETE ON report_groups
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_groups();

CREATE TRIGGER readings_added AFTER INSERT ON readings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_readings();
CREATE TRIGGER readings_changed AFTER UPDATE ON readings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_readings();
CREATE TRIGGER readings_removed AFTER DELETE ON readings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_readings();

-- The absences' examples: a metric's readings in one state, in a year's report order.
CREATE INDEX readings_by_kind ON readings (metric, kind, year, agency_key, file) INCLUDE (group_id, template);

-- 003's indexes of a ranking and a list, covering what a page's row needs (its group and template,
-- and for a list the reading's state and number): a page is read from the index alone, not from
-- rows that each sit in a block of their own (a reading holds its facts).
DROP INDEX readings_ranked;
DROP INDEX readings_ranked_all_years;
DROP INDEX readings_stated;
CREATE INDEX readings_ranked ON readings (metric, year, value, agency_key, file) INCLUDE (group_id, template) WHERE kind = 'number';
-- The highest first with ties by agency, in the index's own order (a backward scan of the one
-- above gives the agencies backwards too, to be sorted again within each value).
CREATE INDEX readings_ranked_desc ON readings (metric, year, value DESC, agency_key, file) INCLUDE (group_id, template) WHERE kind = 'number';
CREATE INDEX readings_ranked_all_years ON readings (metric, value, agency_key, year, file) INCLUDE (group_id, template) WHERE kind = 'number';
CREATE INDEX readings_stated ON readings (metric, year, agency_key, file) INCLUDE (group_id, template, kind, value);
