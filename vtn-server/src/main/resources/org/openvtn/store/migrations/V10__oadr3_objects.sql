-- Version 10: OpenADR 3.1 objects that have no core counterpart (issue #20). One table for the 3.1 representation of
-- every object the REST API serves: VENs, resources, reports and subscriptions (stored only here) and the 3.1-only
-- fields of programs and events (intervalPeriod, payloadDescriptors, ... as the client sent them; the core keeps the
-- Program / Event itself, keyed by the same id). body is the object's JSON; client_id the owning client (object
-- privacy); parent_id the VEN of a resource, the event of a report; core_mod the core event's modificationNumber the
-- stored body belongs to. oadr3_clients holds the token endpoint's clients. Plain SQL accepted by Derby and PostgreSQL.

CREATE TABLE oadr3_objects (
  object_type  VARCHAR(16)    NOT NULL,
  id           VARCHAR(128)   NOT NULL,
  client_id    VARCHAR(128),
  parent_id    VARCHAR(128),
  name         VARCHAR(128),
  core_mod     BIGINT,
  body         VARCHAR(32000) NOT NULL,
  created_at   TIMESTAMP      NOT NULL,
  modified_at  TIMESTAMP      NOT NULL,
  PRIMARY KEY (object_type, id)
);
CREATE INDEX oadr3_objects_client_idx ON oadr3_objects (object_type, client_id);
CREATE INDEX oadr3_objects_parent_idx ON oadr3_objects (object_type, parent_id);

CREATE TABLE oadr3_clients (
  client_id    VARCHAR(128)   NOT NULL PRIMARY KEY,
  secret_hash  VARCHAR(128)   NOT NULL,
  role         VARCHAR(16)    NOT NULL,
  created_at   TIMESTAMP      NOT NULL
);
