-- IEEE 2030.5 EndDevice lifecycle (issue #17): EndDevice.enabled, set by the operator (false: the device is no longer
-- registered, IEEE 2030.5-2018 EndDevice.enabled), and the deviceCategory the client PUTs with its EndDevice. One row
-- per EndDevice that has either; none = enabled, no category. Deleted with the EndDevice. Portable SQL (Derby and
-- PostgreSQL).
CREATE TABLE sep_end_device_state (
  device_id        BIGINT       NOT NULL PRIMARY KEY,
  enabled          SMALLINT     NOT NULL,
  device_category  VARCHAR(8),
  updated_at       TIMESTAMP    NOT NULL
);
