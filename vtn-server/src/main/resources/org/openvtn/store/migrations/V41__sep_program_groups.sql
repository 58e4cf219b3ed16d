-- The groups a program's FunctionSetAssignments is offered to (IEEE 2030.5-2018 §6.5 FunctionSetAssignments: the
-- server assigns function sets to groups of EndDevices; CSIP BASIC-002/003 group membership). A program without a
-- row is offered to every EndDevice; with rows, only to EndDevices in one of the groups (sep_end_devices.group_ids).
-- Portable SQL (Derby and PostgreSQL).
CREATE TABLE sep_program_groups (
  program_id  VARCHAR(64)  NOT NULL,
  group_id    VARCHAR(128) NOT NULL,
  PRIMARY KEY (program_id, group_id)
);
