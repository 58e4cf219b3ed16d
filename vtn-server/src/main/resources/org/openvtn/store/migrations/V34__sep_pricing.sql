-- IEEE 2030.5 Pricing function set (IEEE 2030.5-2018 §10.8): the operator's TariffProfile of a core program and its
-- RateComponents, defined through the admin API. The TimeTariffIntervals are not stored: they are the program's
-- OpenADR price signals (ELECTRICITY_PRICE / ENERGY_PRICE, type price), read from the core events.
-- definition is the validated JSON text of TariffDefinition / RateComponentDefinition. Portable SQL (Derby and
-- PostgreSQL).
CREATE TABLE sep_tariffs (
  program_id   VARCHAR(64) NOT NULL,
  definition   ${clob}     NOT NULL,
  created_at   TIMESTAMP   NOT NULL,
  CONSTRAINT sep_tariffs_pk PRIMARY KEY (program_id)
);

CREATE TABLE sep_rate_components (
  program_id   VARCHAR(64) NOT NULL,
  rate_id      INTEGER     NOT NULL,
  definition   ${clob}     NOT NULL,
  created_at   TIMESTAMP   NOT NULL,
  CONSTRAINT sep_rate_components_pk PRIMARY KEY (program_id, rate_id)
);
