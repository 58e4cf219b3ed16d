-- IEEE 2030.5 adapter state, version 2: EndDevices registered by LFDI (IEEE 2030.5-2018 §8.3),
-- their out-of-band registration PIN and operator-assigned groups (FunctionSetAssignments membership).

CREATE TABLE sep_end_devices (
  id             BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  lfdi           VARCHAR(40)   NOT NULL,
  sfdi           BIGINT        NOT NULL,
  changed_at     TIMESTAMP     NOT NULL,
  pin            INTEGER,
  registered_at  TIMESTAMP,
  group_ids      VARCHAR(4000) NOT NULL,
  CONSTRAINT sep_end_devices_lfdi_uq UNIQUE (lfdi)
);
