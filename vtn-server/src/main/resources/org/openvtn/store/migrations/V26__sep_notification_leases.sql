-- Version 26: IEEE 2030.5 notification delivery leases (issue #19). Several nodes on one database share the durable
-- Notification queue (IEEE 2030.5-2018 §5.6, table sep_notifications of V3): before a node POSTs the oldest queued
-- Notification of a subscription it leases that row (claimed_by = the node's id, lease_until = when the lease lapses),
-- so no other node sends it while the lease holds; a node that dies leaves the lease to lapse and another node takes
-- the row over. Only the head of a subscription's queue is ever leased: per-subscription order is kept.
-- A failed attempt gives the lease back with lease_until = the earliest next attempt (backoff) and counts attempts;
-- final_notice marks a status-4 Notification (resource deleted) after which the subscription ends.
-- Nullable columns added to an existing table only; portable for Derby and PostgreSQL (the embedded Derby database
-- is one process and delivers without leases).

ALTER TABLE sep_notifications ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE sep_notifications ADD COLUMN lease_until TIMESTAMP;
ALTER TABLE sep_notifications ADD COLUMN attempts INTEGER;
ALTER TABLE sep_notifications ADD COLUMN final_notice SMALLINT;

-- The producer duties of the notifier that are not tied to a request (reading the operator change log sep_changes,
-- noticing that a control started or ended, that the set of programs changed) run on one node at a time: the node
-- holding this row's lease (holder, lease_until). The cursors travel with the row, so a node that takes over after the
-- holder died continues where it stopped: last_change = the newest change-log row fanned out (-1: not started yet,
-- begin at the newest row), last_tick = the end of the last clock interval looked at.
CREATE TABLE sep_notify_producer (
  name        VARCHAR(16) NOT NULL PRIMARY KEY,
  holder      VARCHAR(64),
  lease_until TIMESTAMP,
  last_change BIGINT      NOT NULL,
  last_tick   TIMESTAMP
);
INSERT INTO sep_notify_producer (name, last_change) VALUES ('producer', -1);
