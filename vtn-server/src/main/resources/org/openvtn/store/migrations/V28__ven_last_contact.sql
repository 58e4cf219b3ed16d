-- Version 28: when an OpenADR 2.0b VEN last reached the VTN (issue #19, operator console "last contact"). Written by
-- the node that served the request, at most once per minute per VEN and node (not once per oadrPoll), so the value is
-- at most about a minute old. NULL until the VEN's first authorised request after this migration. Portable for Derby
-- and PostgreSQL.

ALTER TABLE registrations ADD COLUMN last_contact_at TIMESTAMP;
