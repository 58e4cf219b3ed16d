-- IEEE 2030.5 Billing function set (IEEE 2030.5-2018 §10.7, read-only for clients): the operator's CustomerAccounts
-- of a core program, each for one LFDI or one group, with their CustomerAgreements, BillingPeriods and historical /
-- projection / target readings. definition is the validated JSON text of BillingAccountDefinition; the store never
-- reads it. Portable SQL (Derby and PostgreSQL).
CREATE TABLE sep_billing_accounts (
  program_id   VARCHAR(64) NOT NULL,
  account_id   INTEGER     NOT NULL,
  definition   ${clob}     NOT NULL,
  created_at   TIMESTAMP   NOT NULL,
  CONSTRAINT sep_billing_accounts_pk PRIMARY KEY (program_id, account_id)
);
