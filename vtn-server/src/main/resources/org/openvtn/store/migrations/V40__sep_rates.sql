-- Per-resource pollRate and postRate of the 2030.5 server, set by the operator (IEEE 2030.5-2018 §5.7 polling:
-- pollRate on DeviceCapability, Time, EndDeviceList, FunctionSetAssignmentsList, DERProgramList, DERList,
-- MirrorUsagePointList ...; postRate on MirrorUsagePoint; CSIP-AUS S-ALL-43, S-OPT-05).
-- kind 'poll' or 'post'; scope '*' (every device) or an upper-case LFDI (one device's MirrorUsagePoints);
-- resource the sep.xsd type name. No row: the listener's configured pollRate, or the postRate as the client posted it.
-- Portable SQL (Derby and PostgreSQL).
CREATE TABLE sep_rates (
  kind        VARCHAR(8)  NOT NULL,
  scope       VARCHAR(40) NOT NULL,
  resource    VARCHAR(40) NOT NULL,
  seconds     BIGINT      NOT NULL,
  updated_at  TIMESTAMP   NOT NULL,
  PRIMARY KEY (kind, scope, resource)
);
