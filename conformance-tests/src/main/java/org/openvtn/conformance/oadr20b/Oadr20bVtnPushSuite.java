package org.openvtn.conformance.oadr20b;

import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;

/**
 * {@code oadr20b-vtn-push}: the suite plays an OpenADR 2.0b push VEN (simple HTTP, mutual TLS) against a VTN. It
 * registers with oadrHttpPullModel=false and an oadrTransportAddress pointing at its own mutual-TLS listener
 * ({@link PushListener}), receives and answers the VTN's pushes and checks them with {@link OadrRules}, the
 * venID and the caller's certificate. Cases are named after the official push test cases for a VTN under test
 * (N0_, E0_, A_E2_, P0_, R0_, G0_); the README's coverage table says which IDs are realised and why the others
 * are not.
 */
public final class Oadr20bVtnPushSuite implements Suite {

    /** Suite name on the command line. */
    public static final String NAME = "oadr20b-vtn-push";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "plays an OpenADR 2.0b push VEN (simple HTTP, own mutual-TLS listener) against a VTN";
    }

    @Override
    public String catalogueVersion() {
        return "1.0";
    }

    @Override
    public Map<String, String> capabilities() {
        return new Oadr20bVtnPullSuite().capabilities();
    }

    @Override
    public List<ConformanceCase> cases() {
        return PushCases.all();
    }
}
