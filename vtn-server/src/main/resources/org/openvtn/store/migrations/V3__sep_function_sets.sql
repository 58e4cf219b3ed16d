-- IEEE 2030.5 adapter state, version 3: Subscription/Notification (durable subscriptions and a
-- durable notification queue), Response/ResponseSet, DefaultDERControl, metering mirror,
-- LogEvents, device-side DER resources, EndDevice last-seen, and a change log the operator side
-- writes for the notifier.

ALTER TABLE sep_end_devices ADD COLUMN last_seen TIMESTAMP;

CREATE TABLE sep_subscriptions (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  device_id           BIGINT        NOT NULL,
  subscribed_resource VARCHAR(255)  NOT NULL,
  encoding            SMALLINT      NOT NULL,
  sub_level           VARCHAR(16)   NOT NULL,
  sub_limit           BIGINT        NOT NULL,
  notification_uri    VARCHAR(1024) NOT NULL,
  created_at          TIMESTAMP     NOT NULL,
  delivered           BIGINT        NOT NULL,
  dropped             BIGINT        NOT NULL
);
CREATE INDEX sep_subscriptions_dev_idx ON sep_subscriptions (device_id);

CREATE TABLE sep_notifications (
  id              BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  subscription_id BIGINT    NOT NULL,
  body            ${blob}  NOT NULL,
  created_at      TIMESTAMP NOT NULL
);
CREATE INDEX sep_notifications_sub_idx ON sep_notifications (subscription_id, id);

CREATE TABLE sep_responses (
  id               BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  device_id        BIGINT       NOT NULL,
  response_set     VARCHAR(64)  NOT NULL,
  kind             VARCHAR(32)  NOT NULL,
  subject          VARCHAR(32)  NOT NULL,
  status           SMALLINT,
  created_time     TIMESTAMP,
  received_at      TIMESTAMP    NOT NULL,
  event_id         VARCHAR(64)
);
CREATE INDEX sep_responses_set_idx ON sep_responses (response_set, id);

CREATE TABLE sep_default_controls (
  program_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
  settings    VARCHAR(4000) NOT NULL,
  version     BIGINT        NOT NULL,
  updated_at  TIMESTAMP     NOT NULL
);

CREATE TABLE sep_mirror_usage_points (
  id          BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  device_id   BIGINT       NOT NULL,
  mrid        VARCHAR(32)  NOT NULL,
  body        ${blob}     NOT NULL,
  created_at  TIMESTAMP    NOT NULL,
  CONSTRAINT sep_mup_mrid_uq UNIQUE (device_id, mrid)
);

CREATE TABLE sep_mirror_readings (
  id            BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  mup_id        BIGINT       NOT NULL,
  mrid          VARCHAR(32)  NOT NULL,
  description   VARCHAR(32),
  power_of_ten  SMALLINT     NOT NULL,
  uom           SMALLINT,
  CONSTRAINT sep_mmr_mrid_uq UNIQUE (mup_id, mrid)
);

CREATE TABLE sep_log_events (
  id            BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  device_id     BIGINT    NOT NULL,
  created_time  TIMESTAMP NOT NULL,
  body          ${blob}  NOT NULL
);
CREATE INDEX sep_log_events_dev_idx ON sep_log_events (device_id, created_time);

CREATE TABLE sep_der_resources (
  device_id   BIGINT      NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  body        ${blob}    NOT NULL,
  updated_at  TIMESTAMP   NOT NULL,
  PRIMARY KEY (device_id, kind)
);

CREATE TABLE sep_changes (
  id          BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  kind        VARCHAR(32)  NOT NULL,
  device_id   BIGINT,
  program_id  VARCHAR(64),
  created_at  TIMESTAMP    NOT NULL
);
