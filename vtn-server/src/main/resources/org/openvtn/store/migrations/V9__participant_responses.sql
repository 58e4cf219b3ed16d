-- Issue 13: the core records a protocol-neutral outcome of an event response (ResponseOutcome). The adapter's own
-- code (the OpenADR 2.0b responseCode) is kept as opaque text for operators. Existing rows: 2xx was ACCEPTED,
-- 460 (signal not supported) NOT_SUPPORTED, any other code ERROR.
ALTER TABLE event_responses ADD COLUMN outcome VARCHAR(16);
ALTER TABLE event_responses ADD COLUMN protocol_code VARCHAR(32);
UPDATE event_responses SET outcome = CASE WHEN response_code BETWEEN 200 AND 299 THEN 'ACCEPTED'
  WHEN response_code = 460 THEN 'NOT_SUPPORTED' ELSE 'ERROR' END,
  protocol_code = TRIM(CAST(response_code AS CHAR(11)));
ALTER TABLE event_responses DROP COLUMN response_code;
