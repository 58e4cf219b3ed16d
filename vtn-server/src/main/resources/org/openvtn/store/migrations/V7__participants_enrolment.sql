-- Version 7: enrolment state of participants (issue #12 item 5), one namespace for both protocols (item 4):
-- kind 'OADR20B_VEN' + certificate fingerprint, or 'SEP_DEVICE' + LFDI. State 'PENDING' (seen under the approve
-- policy), 'APPROVED' (provisioned or approved by the operator) or 'REVOKED'. A new table only: no other table changes.

CREATE TABLE participants (
  kind        VARCHAR(16)  NOT NULL,
  id          VARCHAR(200) NOT NULL,
  state       VARCHAR(16)  NOT NULL,
  label       VARCHAR(200),
  changed_at  TIMESTAMP    NOT NULL,
  CONSTRAINT participants_pk PRIMARY KEY (kind, id)
);
