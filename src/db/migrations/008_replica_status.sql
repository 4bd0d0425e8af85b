-- 008: each bot replica's counters (updates, questions, inline queries, errors), recorded by the
-- replica as it works, so that /status on any replica reports them all (bot/replicas.ts).

CREATE TABLE replica_status (
  replica        text PRIMARY KEY,
  mode           text NOT NULL CHECK (mode IN ('webhook', 'polling')),
  started_at     timestamptz NOT NULL,
  seen_at        timestamptz NOT NULL,
  updates        bigint NOT NULL,
  questions      bigint NOT NULL,
  inline_queries bigint NOT NULL,
  errors         bigint NOT NULL
);
CREATE INDEX replica_status_seen ON replica_status (seen_at);
