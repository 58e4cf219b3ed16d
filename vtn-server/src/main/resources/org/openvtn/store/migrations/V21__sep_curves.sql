-- IEEE 2030.5 DERCurves of a program (IEEE 2030.5-2018 DER function set, DERCurve / DERCurveList; CSIP curve-based
-- modes: volt-var, volt-watt, freq-watt, watt-PF, ...), defined by the operator through the admin API and served
-- under every DERProgram of the core program. The definition is the validated JSON text of DerCurveDefinition.
-- Portable SQL (Derby and PostgreSQL).
CREATE TABLE sep_der_curves (
  program_id   VARCHAR(64) NOT NULL,
  curve_id     INTEGER     NOT NULL,
  curve_type   SMALLINT    NOT NULL,
  definition   ${clob}     NOT NULL,
  created_at   TIMESTAMP   NOT NULL,
  CONSTRAINT sep_der_curves_pk PRIMARY KEY (program_id, curve_id)
);
