-- IEEE 2030.5 Messaging function set (IEEE 2030.5-2018 §10.7): TextMessages the operator posts to a program's
-- MessagingProgram through the admin API, for every device that sees the program, a group's devices or one LFDI.
-- 2030.5-only content: OpenADR has no text message. Portable SQL (Derby and PostgreSQL).
CREATE TABLE sep_text_messages (
  id            BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1) NOT NULL PRIMARY KEY,
  program_id    VARCHAR(64)  NOT NULL,
  group_id      VARCHAR(64),
  lfdi          VARCHAR(40),
  message       ${clob}      NOT NULL,
  originator    VARCHAR(80),
  priority      SMALLINT     NOT NULL,
  start_at      TIMESTAMP    NOT NULL,
  duration_s    BIGINT       NOT NULL,
  created_at    TIMESTAMP    NOT NULL,
  cancelled_at  TIMESTAMP
);
CREATE INDEX sep_text_messages_program ON sep_text_messages (program_id);
