package org.openvtn.conformance.oadr20b;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;

/**
 * {@code oadr20b-vtn-pull}: the suite plays a VEN against any OpenADR 2.0b VTN over simple HTTP in pull mode,
 * with mutual TLS. Cases are named after the official OpenADR 2.0b test cases for a VTN under test in pull mode
 * (N1_, E1_, P1_, R1_, G1_ and the ported A-profile A_E3_ cases), plus error-code and TLS cases with our own IDs
 * ({@code OADR-ERR-*}, {@code OADR-TLS-*}). Every payload goes through {@link OadrRules}.
 */
public final class Oadr20bVtnPullSuite implements Suite {

    /** Suite name on the command line. */
    public static final String NAME = "oadr20b-vtn-pull";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "plays an OpenADR 2.0b VEN (simple HTTP, pull, mutual TLS) against a VTN";
    }

    @Override
    public String catalogueVersion() {
        return "1.0";
    }

    @Override
    public Map<String, String> capabilities() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("opt.availability", "accepts oadrCreateOpt availability schedules (vavailability) and oadrCancelOpt");
        c.put("reports.telemetry", "requests TELEMETRY_USAGE / TELEMETRY_STATUS reports from VENs");
        c.put("reports.history", "requests HISTORY_USAGE reports from VENs");
        c.put("reports.piggyback", "piggy-backs oadrReportRequest in oadrRegisteredReport");
        c.put("events.randomization", "issues events with tolerance/tolerate/startafter (randomized start)");
        c.put("events.overlapRules", "refuses overlapping events of one market context for one VEN (A-profile rule)");
        c.put("signals.xmlSignature", "signs payloads with XML Signature (oadrXmlSignature)");
        return c;
    }

    @Override
    public List<ConformanceCase> cases() {
        List<ConformanceCase> out = new ArrayList<>();
        out.addAll(RegistrationCases.all());
        out.addAll(EventCases.all());
        out.addAll(AProfileCases.all());
        out.addAll(OptCases.all());
        out.addAll(ReportCases.all());
        out.addAll(GeneralCases.all());
        return List.copyOf(out);
    }
}
