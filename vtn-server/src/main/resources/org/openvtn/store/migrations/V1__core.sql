-- OpenVTN core schema, version 1.
-- Portable SQL: VARCHAR, BIGINT, BOOLEAN, TIMESTAMP (UTC), DOUBLE PRECISION, character LOBs, and
-- GENERATED ALWAYS AS IDENTITY (SQL:2003; Derby 10.x and PostgreSQL 10+). Durations are stored as
-- ISO-8601 strings, sets/lists as JSON arrays. Flyway placeholders name the LOB types per dialect
-- (SchemaMigrations: clob = CLOB on Derby, TEXT on PostgreSQL).

CREATE TABLE programs (
  id             VARCHAR(64)   NOT NULL PRIMARY KEY,
  name           VARCHAR(255)  NOT NULL,
  market_context VARCHAR(1024) NOT NULL,
  created_at     TIMESTAMP     NOT NULL,
  CONSTRAINT programs_name_uq UNIQUE (name)
);

CREATE TABLE events (
  id                  VARCHAR(64)   NOT NULL PRIMARY KEY,
  program_id          VARCHAR(64)   NOT NULL,
  modification_number BIGINT        NOT NULL,
  cancelled           BOOLEAN       NOT NULL,
  market_context      VARCHAR(1024) NOT NULL,
  start_at            TIMESTAMP     NOT NULL,
  end_at              TIMESTAMP     NOT NULL,
  created_at          TIMESTAMP     NOT NULL,
  modified_at         TIMESTAMP     NOT NULL,
  spec                ${clob}          NOT NULL,
  CONSTRAINT events_program_fk FOREIGN KEY (program_id) REFERENCES programs (id)
);
CREATE INDEX events_end_idx ON events (end_at);

CREATE TABLE event_history (
  event_id            VARCHAR(64) NOT NULL,
  modification_number BIGINT      NOT NULL,
  change_kind         VARCHAR(16) NOT NULL,
  changed_at          TIMESTAMP   NOT NULL,
  snapshot            ${clob}        NOT NULL,
  CONSTRAINT event_history_pk PRIMARY KEY (event_id, modification_number)
);

CREATE TABLE event_deliveries (
  event_id            VARCHAR(64) NOT NULL,
  ven_id              VARCHAR(255) NOT NULL,
  modification_number BIGINT      NOT NULL,
  status              VARCHAR(16) NOT NULL,
  delivered_at        TIMESTAMP   NOT NULL,
  CONSTRAINT event_deliveries_pk PRIMARY KEY (event_id, ven_id)
);
CREATE INDEX event_deliveries_ven_idx ON event_deliveries (ven_id);

CREATE TABLE event_responses (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
  event_id             VARCHAR(64)  NOT NULL,
  ven_id               VARCHAR(255) NOT NULL,
  modification_number  BIGINT       NOT NULL,
  opt_type             VARCHAR(16)  NOT NULL,
  response_code        INTEGER      NOT NULL,
  response_description VARCHAR(1024),
  received_at          TIMESTAMP    NOT NULL
);
CREATE INDEX event_responses_event_idx ON event_responses (event_id);
CREATE INDEX event_responses_ven_idx ON event_responses (ven_id);

CREATE TABLE registrations (
  ven_id            VARCHAR(255)  NOT NULL PRIMARY KEY,
  registration_id   VARCHAR(64)   NOT NULL,
  fingerprint       VARCHAR(255)  NOT NULL,
  ven_name          VARCHAR(255),
  party_id          VARCHAR(255),
  kind              VARCHAR(16)   NOT NULL,
  transport         VARCHAR(32),
  transport_address VARCHAR(1024),
  http_pull_model   BOOLEAN       NOT NULL,
  report_only       BOOLEAN       NOT NULL,
  xml_signature     BOOLEAN       NOT NULL,
  poll_freq         VARCHAR(64)   NOT NULL,
  group_ids         VARCHAR(8000) NOT NULL,
  resource_ids      VARCHAR(8000) NOT NULL,
  registered_at     TIMESTAMP     NOT NULL,
  active            BOOLEAN       NOT NULL,
  CONSTRAINT registrations_fp_uq UNIQUE (fingerprint),
  CONSTRAINT registrations_reg_uq UNIQUE (registration_id)
);

CREATE TABLE opts (
  ven_id              VARCHAR(255)  NOT NULL,
  opt_id              VARCHAR(255)  NOT NULL,
  opt_type            VARCHAR(16)   NOT NULL,
  reason              VARCHAR(64),
  market_context      VARCHAR(1024),
  event_id            VARCHAR(64),
  modification_number BIGINT,
  resource_ids        VARCHAR(8000) NOT NULL,
  windows             ${clob}          NOT NULL,
  created_at          TIMESTAMP     NOT NULL,
  cancelled           BOOLEAN       NOT NULL,
  CONSTRAINT opts_pk PRIMARY KEY (ven_id, opt_id)
);

CREATE TABLE report_capabilities (
  ven_id              VARCHAR(255) NOT NULL,
  report_specifier_id VARCHAR(255) NOT NULL,
  r_id                VARCHAR(255) NOT NULL,
  position            INTEGER      NOT NULL,
  report_name         VARCHAR(64)  NOT NULL,
  resource_id         VARCHAR(255),
  report_type         VARCHAR(64),
  reading_type        VARCHAR(64),
  units               VARCHAR(255),
  min_sampling        VARCHAR(64),
  max_sampling        VARCHAR(64),
  CONSTRAINT report_capabilities_pk PRIMARY KEY (ven_id, report_specifier_id, r_id)
);

CREATE TABLE report_requests (
  report_request_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
  ven_id               VARCHAR(255)  NOT NULL,
  report_name          VARCHAR(64)   NOT NULL,
  report_specifier_id  VARCHAR(255)  NOT NULL,
  r_ids                VARCHAR(8000) NOT NULL,
  granularity          VARCHAR(64)   NOT NULL,
  report_back_duration VARCHAR(64)   NOT NULL,
  start_at             TIMESTAMP,
  duration             VARCHAR(64)   NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  report_to_follow     BOOLEAN       NOT NULL,
  created_at           TIMESTAMP     NOT NULL
);
CREATE INDEX report_requests_ven_idx ON report_requests (ven_id);

CREATE TABLE telemetry (
  id                BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
  ven_id            VARCHAR(255) NOT NULL,
  r_id              VARCHAR(255) NOT NULL,
  report_request_id VARCHAR(64)  NOT NULL,
  ts                TIMESTAMP    NOT NULL,
  val               DOUBLE PRECISION NOT NULL,
  quality           VARCHAR(64)
);
CREATE INDEX telemetry_ven_ts_idx ON telemetry (ven_id, ts);
CREATE INDEX telemetry_ts_idx ON telemetry (ts);

CREATE TABLE poll_items (
  seq        BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
  ven_id     VARCHAR(255) NOT NULL,
  kind       VARCHAR(32)  NOT NULL,
  reference  VARCHAR(255),
  created_at TIMESTAMP    NOT NULL
);
CREATE INDEX poll_items_ven_idx ON poll_items (ven_id, seq);
