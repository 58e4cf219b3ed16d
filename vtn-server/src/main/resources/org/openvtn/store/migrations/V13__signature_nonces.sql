-- Version 13: signature replay nonces shared by the nodes (issue #19). A signed OpenADR 2.0b payload's ReplayProtect
-- nonce is used once within the timestamp window (2.0b profile, ReplayProtect); with several nodes on one database
-- each node remembers the nonces it accepted here too, so a replay sent to another node is refused. nonce_key is the
-- first 128 bits of SHA-256 over signer and nonce (hex), never the nonce text; forget_at is when the timestamp has left
-- the window for good. The primary key decides between nodes racing on one nonce. Portable for Derby and PostgreSQL.

CREATE TABLE signature_nonces (
  nonce_key  CHAR(32)   NOT NULL PRIMARY KEY,
  forget_at  TIMESTAMP  NOT NULL
);
CREATE INDEX signature_nonces_forget_idx ON signature_nonces (forget_at);
