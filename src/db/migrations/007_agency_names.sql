-- 007: the names questions are read against, kept in the database so that an engine over it
-- holds none of them: each text that names an agency (its name and aliases, its places in their
-- forms, its kind: `namesOf` in query/agencies.ts), one row per agency it names. An engine reads,
-- for each question, the rows of the question's spans only.
--
-- The texts are made in JavaScript from the groups of an agency key: a statement trigger on
-- `report_groups` records the keys whose groups came, went or changed (`agency_names_stale`), and
-- the writer makes their names again before its transaction commits (db/agency-names.ts). Every
-- key of a database written before 007 starts stale; the next writer or engine makes them.

CREATE TABLE agency_names (
  text       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('alias', 'region', 'kind')),
  agency_key text COLLATE agency_order NOT NULL,
  PRIMARY KEY (text, kind, agency_key)
);
CREATE INDEX agency_names_key ON agency_names (agency_key);
-- The longest text: how long a span of a question can name an agency.
CREATE INDEX agency_names_length ON agency_names (char_length(text));

CREATE TABLE agency_names_stale (
  agency_key text COLLATE agency_order PRIMARY KEY
);

INSERT INTO agency_names_stale (agency_key) SELECT DISTINCT agency_key FROM report_groups;

CREATE FUNCTION agency_names_go_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO agency_names_stale (agency_key) SELECT DISTINCT agency_key FROM old_rows ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO agency_names_stale (agency_key) SELECT DISTINCT agency_key FROM new_rows ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER report_groups_names_added AFTER INSERT ON report_groups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agency_names_go_stale();
CREATE TRIGGER report_groups_names_changed AFTER UPDATE ON report_groups
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION agency_names_go_stale();
CREATE TRIGGER report_groups_names_removed AFTER DELETE ON report_groups
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION agency_names_go_stale();
