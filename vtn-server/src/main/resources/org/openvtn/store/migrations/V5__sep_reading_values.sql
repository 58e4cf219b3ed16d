-- IEEE 2030.5 Metering read-back: the values a client mirrors (MirrorMeterReading Reading and MirrorReadingSet),
-- served under /upt/{n}/mr/{m} as Reading, ReadingSetList, ReadingSet and ReadingList. Bodies are the validated
-- sep+xml documents as received (Reading, MirrorReadingSet).

CREATE TABLE sep_reading_sets (
  id          BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  reading_id  BIGINT       NOT NULL,
  mrid        VARCHAR(32)  NOT NULL,
  start_time  BIGINT       NOT NULL,
  body        ${blob}     NOT NULL,
  CONSTRAINT sep_rset_mrid_uq UNIQUE (reading_id, mrid)
);

CREATE TABLE sep_current_readings (
  reading_id  BIGINT       NOT NULL PRIMARY KEY,
  body        ${blob_small}    NOT NULL
);
