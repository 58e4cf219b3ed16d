-- Version 8: OpenADR 2.0b push exchange model (issue #14). The durable outbox: a push the VTN decided is stored
-- here (rendered 2.0b message, unsigned) before it is attempted and deleted only after the VEN accepted it; rows of
-- one VEN are delivered in seq order. push_state holds the per-VEN delivery state shown by the admin API;
-- metadata_for is the registrationID for which the VTN's own oadrRegisterReport was queued.
-- New tables only: no other table changes.

CREATE TABLE push_outbox (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
  ven_id      VARCHAR(255) NOT NULL,
  kind        VARCHAR(32)  NOT NULL,
  reference   VARCHAR(255),
  payload     ${clob}         NOT NULL,
  created_at  TIMESTAMP    NOT NULL
);
CREATE INDEX push_outbox_ven_idx ON push_outbox (ven_id, seq);

CREATE TABLE push_state (
  ven_id          VARCHAR(255) NOT NULL PRIMARY KEY,
  attempts        INTEGER      NOT NULL,
  next_attempt_at TIMESTAMP,
  last_error      VARCHAR(512),
  last_error_at   TIMESTAMP,
  unreachable     SMALLINT     NOT NULL,
  url_form        VARCHAR(16),
  delivered       BIGINT       NOT NULL,
  metadata_for    VARCHAR(255)
);
