-- Version 6 (issue #12 items 6, 7, 8): at-least-once poll delivery, idempotent OpenADR writes, per-participant
-- quotas.

-- Item 6: a poll item stays queued after an answer carried it, until the VEN acknowledges it (docs/openadr-20b.md,
-- "Poll delivery"). sent_at = when an answer last carried it (null = never), deliveries = how many answers did.
ALTER TABLE poll_items ADD COLUMN sent_at TIMESTAMP;
ALTER TABLE poll_items ADD COLUMN deliveries INTEGER DEFAULT 0 NOT NULL;

-- Item 7: one telemetry value per (VEN, reportRequestID, rID, dtstart). A retried oadrUpdateReport overwrites
-- (last write wins), so existing duplicates keep their newest row.
DELETE FROM telemetry t WHERE EXISTS (SELECT 1 FROM telemetry u WHERE u.ven_id = t.ven_id
  AND u.report_request_id = t.report_request_id AND u.r_id = t.r_id AND u.ts = t.ts AND u.id > t.id);
ALTER TABLE telemetry ADD CONSTRAINT telemetry_point_uq UNIQUE (ven_id, report_request_id, r_id, ts);

-- Item 7: one oadrCreatedEvent answer per (VEN, event, modificationNumber); a retry updates it. Existing
-- duplicates keep their newest row.
DELETE FROM event_responses t WHERE EXISTS (SELECT 1 FROM event_responses u WHERE u.ven_id = t.ven_id
  AND u.event_id = t.event_id AND u.modification_number = t.modification_number AND u.id > t.id);
ALTER TABLE event_responses ADD CONSTRAINT event_responses_uq UNIQUE (ven_id, event_id, modification_number);

-- Item 8: per-device quotas count and trim by device; list GETs page by id.
CREATE INDEX sep_responses_dev_idx ON sep_responses (device_id, id);
CREATE INDEX sep_log_events_dev_id_idx ON sep_log_events (device_id, id);
CREATE INDEX sep_reading_sets_rd_idx ON sep_reading_sets (reading_id, start_time);
