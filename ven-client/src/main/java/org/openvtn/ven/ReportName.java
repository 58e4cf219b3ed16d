package org.openvtn.ven;

/** The report names a VEN offers in its METADATA registration (OpenADR 2.0b §8.3, rule 331). */
public enum ReportName {
    TELEMETRY_USAGE,
    TELEMETRY_STATUS,
    HISTORY_USAGE;

    /** The name of the METADATA report describing this report, e.g. {@code METADATA_TELEMETRY_USAGE}. */
    public String metadataName() {
        return "METADATA_" + name();
    }
}
