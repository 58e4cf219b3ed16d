-- Per-program primacy of the 2030.5 view of a core program (IEEE 2030.5-2018 §10.10 DERProgram.primacy,
-- §10.9 DemandResponseProgram.primacy; lower value = higher priority). No row: the listener's configured primacy.
-- Portable SQL (Derby and PostgreSQL).
CREATE TABLE sep_program_primacy (
  program_id  VARCHAR(64) NOT NULL PRIMARY KEY,
  primacy     SMALLINT    NOT NULL,
  updated_at  TIMESTAMP   NOT NULL
);
