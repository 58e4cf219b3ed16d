-- IEEE 2030.5 Flow Reservation function set (IEEE 2030.5-2018 §10.9; EV charging sessions): the
-- FlowReservationRequests devices POST and the server's answer (the FlowReservationResponse): accepted as requested
-- at once, or adjusted / rejected by the operator through the admin API. Energy in Wh, power in W.
-- Portable SQL (Derby and PostgreSQL).
CREATE TABLE sep_flow_reservations (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  device_id            BIGINT       NOT NULL,
  mrid                 VARCHAR(32)  NOT NULL,
  description          VARCHAR(64),
  request_created      BIGINT       NOT NULL,
  interval_start       TIMESTAMP    NOT NULL,
  interval_s           BIGINT       NOT NULL,
  duration_requested   INTEGER,
  energy_wh            BIGINT       NOT NULL,
  power_w              BIGINT       NOT NULL,
  request_status       SMALLINT     NOT NULL,
  status_time          TIMESTAMP    NOT NULL,
  decision             VARCHAR(16)  NOT NULL,
  energy_available_wh  BIGINT       NOT NULL,
  power_available_w    BIGINT       NOT NULL,
  decided_at           TIMESTAMP    NOT NULL,
  CONSTRAINT sep_flow_reservations_mrid UNIQUE (device_id, mrid)
);
