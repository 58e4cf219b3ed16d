-- Version 12: delivery leases (issue #19). Several nodes on one database share the OpenADR 2.0b push outbox; the
-- head entry of a VEN's lane is leased by one node (claimed_by = that node's id, lease_until = when the lease lapses)
-- before it is delivered, so no other node sends it while the lease holds, and a node that dies leaves the lease to
-- expire and another node takes the entry over. Only the head of a lane is ever leased: per-VEN order is kept.
-- Nullable columns added to an existing table only; portable for Derby and PostgreSQL.

ALTER TABLE push_outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE push_outbox ADD COLUMN lease_until TIMESTAMP;
