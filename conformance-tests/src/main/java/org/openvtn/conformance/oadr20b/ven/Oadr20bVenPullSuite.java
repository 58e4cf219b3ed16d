package org.openvtn.conformance.oadr20b.ven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;

/**
 * {@code oadr20b-ven-pull}: the suite plays an OpenADR 2.0b VTN (simple HTTP, pull, mutual TLS; {@link VtnHarness})
 * and certifies the VEN that polls it. Cases are named after the official device-under-test = VEN pull IDs (N1_,
 * E1_, P1_, R1_, G1_, and the ported A-profile A_E1_ event cases); the VEN is made to act through the target's
 * {@code venDriver} ({@link VenDriver}). Every payload the VEN sends is schema-checked where it arrives.
 */
public final class Oadr20bVenPullSuite implements Suite {

    /** Suite name on the command line. */
    public static final String NAME = "oadr20b-ven-pull";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "plays an OpenADR 2.0b VTN (simple HTTP, pull, mutual TLS) against a VEN";
    }

    @Override
    public String catalogueVersion() {
        return "1.0";
    }

    @Override
    public Map<String, String> capabilities() {
        return new LinkedHashMap<>();
    }

    @Override
    public List<ConformanceCase> cases() {
        List<ConformanceCase> out = new ArrayList<>();
        out.addAll(VenRegistrationCases.all());
        out.addAll(VenEventCases.all());
        out.addAll(VenOptReportCases.all());
        out.addAll(VenGeneralCases.all());
        out.addAll(VenSecurityCases.all());
        return List.copyOf(out);
    }
}
