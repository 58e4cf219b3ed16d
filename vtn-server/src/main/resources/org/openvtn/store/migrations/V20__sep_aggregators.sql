-- IEEE 2030.5 aggregator clients (CSIP AGG-001..012, CSIP-AUS S-ALL-03): one client certificate (the aggregator's
-- LFDI) manages the EndDevices of many sites. An aggregator is registered by the operator; its sites are either
-- named by the operator (pre-authorised) or added when the aggregator POSTs an EndDevice it may self-register.
-- One aggregator per site LFDI. Portable SQL (Derby and PostgreSQL).
CREATE TABLE sep_aggregators (
  lfdi           VARCHAR(40) NOT NULL PRIMARY KEY,
  self_register  BOOLEAN     NOT NULL,
  created_at     TIMESTAMP   NOT NULL
);

CREATE TABLE sep_aggregator_sites (
  device_lfdi      VARCHAR(40) NOT NULL PRIMARY KEY,
  aggregator_lfdi  VARCHAR(40) NOT NULL,
  self_registered  BOOLEAN     NOT NULL,
  CONSTRAINT sep_aggregator_sites_fk FOREIGN KEY (aggregator_lfdi) REFERENCES sep_aggregators (lfdi)
    ON DELETE CASCADE
);

CREATE INDEX sep_aggregator_sites_agg ON sep_aggregator_sites (aggregator_lfdi);
