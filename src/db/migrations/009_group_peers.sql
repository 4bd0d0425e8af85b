-- 009: the kind of body each merged report's agency is (教育局, 人民政府办公室（厅）…: `peerKindOf`
-- in query/peers.ts), so that 排第几 reads the reports of its year and kind by index rather than
-- every report of the year. Written with each group; the groups of a database written before
-- 009 get theirs from the next writer or engine (db/group-peers.ts).

CREATE TABLE group_peers (
  group_id  bigint PRIMARY KEY REFERENCES report_groups ON DELETE CASCADE,
  year      integer NOT NULL,
  peer_kind text NOT NULL
);
CREATE INDEX group_peers_kind ON group_peers (year, peer_kind);

-- One row while groups written before 009 lack their kind; the completion removes it.
CREATE TABLE group_peers_missing (missing boolean PRIMARY KEY CHECK (missing));
INSERT INTO group_peers_missing SELECT true WHERE EXISTS (SELECT 1 FROM report_groups);
