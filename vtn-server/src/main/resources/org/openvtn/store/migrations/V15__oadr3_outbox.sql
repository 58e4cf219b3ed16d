-- Version 15: OpenADR 3.1 notifier outbox (issue #20). A notification the VTN decided (webhook POST to a
-- subscription's callbackUrl, or MQTT publication to a topic) is stored here in the same transaction as the write
-- that caused it, and deleted only once delivered (or given up after the configured attempts). lane groups the
-- entries delivered in order: one lane per subscription callback (webhooks), one per topic family (MQTT); a dead
-- subscriber's lane backs off alone. claimed_by / lease_until: the lease of the node delivering the lane head
-- (the V12 design of the 2.0b push outbox). Plain SQL accepted by Derby and PostgreSQL; ${clob} as in V8.

CREATE TABLE oadr3_outbox (
  seq             BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
  lane            VARCHAR(512)  NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  target          VARCHAR(8000) NOT NULL,
  bearer_token    VARCHAR(4000),
  payload         ${clob}       NOT NULL,
  created_at      TIMESTAMP     NOT NULL,
  attempts        INTEGER       NOT NULL,
  next_attempt_at TIMESTAMP     NOT NULL,
  last_error      VARCHAR(512),
  claimed_by      VARCHAR(64),
  lease_until     TIMESTAMP
);
CREATE INDEX oadr3_outbox_lane_idx ON oadr3_outbox (lane, seq);
CREATE INDEX oadr3_outbox_due_idx ON oadr3_outbox (next_attempt_at);
