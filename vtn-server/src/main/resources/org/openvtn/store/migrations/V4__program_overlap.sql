-- Version 4: per-program overlap policy (docs/openadr-20b.md "Overlapping events").
-- 'reject'    = OpenADR 2.0b conformance rule 18: no overlapping events of one market context for a VEN;
-- 'supersede' = IEEE 2030.5: the newer event supersedes the older one (CSIP CORE-023).
-- Programs created before this version were never checked, so they keep that behaviour ('supersede');
-- the service writes the column explicitly for every new program (default 'reject').

ALTER TABLE programs ADD COLUMN overlap VARCHAR(16) DEFAULT 'supersede' NOT NULL;
