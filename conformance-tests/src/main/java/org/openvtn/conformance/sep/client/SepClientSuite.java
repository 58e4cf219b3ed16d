package org.openvtn.conformance.sep.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;

/**
 * {@code sep-client}: the suite plays an IEEE 2030.5 server ({@link SepDeviceHarness}: its own CCM_8 listener and
 * resources) and certifies the device (CSIP / CSIP-AUS client) that walks it. Rows are named after the official
 * client-side IDs (SunSpec CSIP COMM/CORE/BASIC, CSIP-AUS ALL/GEN/LOA); the device is observed and driven through the
 * target's {@code deviceDriver} ({@link DeviceDriver}).
 */
public final class SepClientSuite implements Suite {

    /** Suite name on the command line. */
    public static final String NAME = "sep-client";

    private final SepDeviceHarness harness;

    /** The suite as found on the class path: the harness starts at {@code baseUrl} with the first row. */
    public SepClientSuite() {
        this(null);
    }

    /**
     * The suite served by a harness already started ({@link SepDeviceHarness#start}, e.g. on port 0) that the
     * device under test was configured with; the run closes it at the end.
     */
    public SepClientSuite(SepDeviceHarness harness) {
        this.harness = harness;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "plays an IEEE 2030.5 server (CSIP / CSIP-AUS, mutual TLS with CCM_8) against a device (client)";
    }

    @Override
    public String catalogueVersion() {
        return "1.0";
    }

    @Override
    public Map<String, String> capabilities() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pin", "the device is configured with the PIN of property pin and checks the server's Registration");
        return m;
    }

    @Override
    public List<ConformanceCase> cases() {
        List<ConformanceCase> out = new ArrayList<>();
        out.addAll(RegistrationCases.all());
        out.addAll(ChainCases.all());
        out.addAll(TransportCases.all());
        out.addAll(ControlCases.all());
        out.addAll(PrecedenceCases.all());
        out.addAll(CsipAusCases.all());
        out.addAll(RampCases.all());
        out.addAll(TelemetryCases.all());
        out.addAll(RestartCases.all());
        out.addAll(StatusCases.all());
        out.addAll(MirrorCases.all());
        out.addAll(NmiCases.all());
        out.addAll(PostRateCases.all());
        out.addAll(DataCases.all());
        out.addAll(StorageCases.all());
        out.addAll(MultiDerCases.all());
        out.addAll(GroupCases.all());
        out.addAll(PollRateCases.all());
        out.addAll(NotificationCases.all()); // last: it slows the device's polling while it runs
        out.addAll(LimitCases.all()); // after it: several of these slow the polling too
        return out.stream().map(c -> (ConformanceCase) ((DeviceCase) c).with(harness)).toList();
    }
}
