package org.openvtn.conformance.sep;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * EndDevice registration and identity: CSIP CORE-009, CSIP-AUS S-ALL-01/02/04/05/51/52/56
 * (IEEE 2030.5-2018 §6.3.4 LFDI/SFDI, §8.3 Registration, security: a client sees only its own resources).
 */
final class EndDeviceCases {

    static final String CREATED = "sep.edev.created";
    static final String UNIQUE = "sep.edev.unique";
    static final String ISOLATION = "sep.auth.isolation";
    static final String MISMATCH = "sep.edev.lfdi-mismatch-rejected";
    static final String STRING_LFDI = "sep.edev.string-lfdi-rejected";
    static final String REGISTRATION = "sep.registration.pin";

    private EndDeviceCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("CORE-009", "S-ALL-02"), "In-band EndDevice registration: POST own"
                                + " EndDevice -> 201 + Location, read back with the certificate's LFDI/SFDI; a repeated"
                                + " POST creates no duplicate (its status: S-ALL-51, EdgeCases)",
                        "IEEE 2030.5-2018 §6.3.4, §5.5; CSIP CORE-009; CSIP-AUS S-ALL-02", Set.of(),
                        EndDeviceCases::core009),
                SepCase.must(List.of("S-ALL-04", "S-ALL-05"), "Several clients: each sees only its own EndDevice;"
                                + " another client's EndDevice and FSAs are not readable (403/404)",
                        "IEEE 2030.5-2018 §6.11 security, access control; CSIP-AUS S-ALL-04, S-ALL-05", Set.of(),
                        EndDeviceCases::sAll04),
                SepCase.must(List.of("S-ALL-52"), "EndDevice whose lFDI does not match the client certificate is"
                                + " rejected", "IEEE 2030.5-2018 §6.3.4; CSIP-AUS S-ALL-52", Set.of(),
                        EndDeviceCases::sAll52),
                SepCase.must(List.of("S-ALL-56"), "EndDevice with a string (non-hex) lFDI is rejected with 400",
                        "sep.xsd HexBinary160; CSIP-AUS S-ALL-56", Set.of(), EndDeviceCases::sAll56),
                SepCase.must(List.of("S-ALL-01", "S-OPT-04"), "Out-of-band registration: the EndDevice pre-registered"
                                + " by the operator carries a RegistrationLink with the provisioned PIN (valid check"
                                + " digit) for the client to validate",
                        "IEEE 2030.5-2018 §6.3.4 PIN, §8.3 Registration; CSIP-AUS S-ALL-01, S-OPT-04",
                        Set.of(SepServerSuite.REGISTRATION),
                        EndDeviceCases::sAll01));
    }

    private static void core009(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        String edevList = c.link(c.dcap(), "EndDeviceListLink");
        SepReply first = c.post("POST own EndDevice", edevList, c.endDeviceXml(c.identity().lfdi(), c.identity().sfdi()));
        SepCases.check(ctx, first.status() == 201, CREATED, "POST " + edevList,
                "expected 201 Created, got " + first.describe());
        Optional<String> location = first.header("Location");
        SepCases.check(ctx, location.isPresent(), CREATED, "POST " + edevList, "201 without a Location header");
        if (location.isEmpty()) {
            return;
        }
        Element e = c.resource("GET created EndDevice", location.get(), "EndDevice");
        SepCases.check(ctx, SepXml.text(e, "lFDI").isPresent() || SepXml.text(e, "sFDI").isPresent(), CREATED,
                SepXml.path(e), "the EndDevice carries neither lFDI nor sFDI");
        SepReply again = c.post("POST own EndDevice again", edevList,
                c.endDeviceXml(c.identity().lfdi(), c.identity().sfdi()));
        SepCases.check(ctx, again.status() < 500 && !again.transportError(), UNIQUE, "POST " + edevList,
                "repeated registration failed: " + again.describe());
        again.header("Location").ifPresent(l -> SepCases.check(ctx, s.resolve(l).equals(s.resolve(location.get())),
                UNIQUE, "POST " + edevList, "the repeated POST created " + l + " beside " + location.get()));
        long mine = c.items("GET EndDeviceList", edevList, "EndDeviceList").stream()
                .filter(x -> c.ownIn(List.of(x)).isPresent()).count();
        SepCases.check(ctx, mine == 1, UNIQUE, "EndDeviceList", mine + " EndDevices carry this device's LFDI/SFDI");
    }

    private static void sAll04(CaseContext ctx, SepSession s) {
        DeviceIdentity other = s.otherDevice(0).orElseThrow(() -> ctx.skip(
                "needs a second device certificate: none in the PKI directory's devices/ folder"));
        SepClientHarness a = s.client(ctx, s.mainDevice());
        SepClientHarness b = s.client(ctx, other);
        Element ea = a.endDevice();
        Element eb = b.endDevice();
        String hrefA = SepXml.attr(ea, "href").orElse("");
        String hrefB = SepXml.attr(eb, "href").orElse("");
        SepCases.check(ctx, !hrefA.equals(hrefB), ISOLATION, SepXml.path(eb), "two devices got the same EndDevice "
                + hrefA);
        for (SepClientHarness[] pair : List.of(new SepClientHarness[] {a, b}, new SepClientHarness[] {b, a})) {
            SepClientHarness me = pair[0];
            SepClientHarness them = pair[1];
            String list = me.link(me.dcap(), "EndDeviceListLink");
            boolean sees = me.items("GET EndDeviceList", list, "EndDeviceList").stream()
                    .anyMatch(x -> SepXml.text(x, "lFDI").map(v -> v.equalsIgnoreCase(them.identity().lfdi()))
                            .orElse(SepXml.number(x, "sFDI").map(v -> v == them.identity().sfdi()).orElse(false)));
            SepCases.check(ctx, !sees, ISOLATION, "EndDeviceList of " + me.identity().name(),
                    "lists the EndDevice of " + them.identity().name());
        }
        denied(ctx, a, hrefB, "EndDevice of " + other.name());
        SepXml.link(eb, "FunctionSetAssignmentsListLink").ifPresent(h -> denied(ctx, a, h,
                "FunctionSetAssignmentsList of " + other.name()));
        SepXml.link(eb, "RegistrationLink").ifPresent(h -> denied(ctx, a, h, "Registration of " + other.name()));
    }

    private static void denied(CaseContext ctx, SepClientHarness c, String href, String what) {
        SepReply r = c.get("GET " + what + " (must be denied)", href);
        SepCases.check(ctx, r.status() == 403 || r.status() == 404, ISOLATION, "GET " + href,
                what + " was answered " + r.describe() + " to another client (expected 403 or 404)");
    }

    private static void sAll52(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        String edevList = c.link(c.dcap(), "EndDeviceListLink");
        String foreign = s.otherDevice(0).map(DeviceIdentity::lfdi).orElseGet(() -> {
            byte[] b = new byte[20];
            new java.security.SecureRandom().nextBytes(b);
            return HexFormat.of().withUpperCase().formatHex(b);
        });
        long foreignSfdi = SepIdentity.sfdiFromLfdi(foreign);
        SepReply r = c.post("POST EndDevice with a foreign lFDI", edevList, c.endDeviceXml(foreign, foreignSfdi));
        SepCases.check(ctx, r.status() >= 400 && r.status() < 500, MISMATCH, "POST " + edevList,
                "an lFDI that is not the certificate's must be refused (4xx), got " + r.describe());
        r.header("Location").ifPresent(l -> ctx.fail(MISMATCH, "POST " + edevList,
                "the server created " + l + " for an lFDI that is not the client's"));
    }

    private static void sAll56(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        String edevList = c.link(c.dcap(), "EndDeviceListLink");
        String body = "<EndDevice xmlns=\"" + SepXml.NS + "\"><lFDI>device-" + c.identity().sfdi()
                + "-not-hex</lFDI><sFDI>" + c.identity().sfdi() + "</sFDI><changedTime>0</changedTime></EndDevice>";
        SepReply r = c.send("POST EndDevice with a string lFDI", "POST", edevList, Map.of(), body, false);
        SepCases.check(ctx, r.status() == 400, STRING_LFDI, "POST " + edevList,
                "a non-hex lFDI must be refused with 400, got " + r.describe());
    }

    private static void sAll01(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        int pin = SepIdentity.pinWithCheckDigit(13579);
        s.driver(ctx).provisionPin(ctx, s.mainDevice(), pin);
        s.forget("edev:" + s.mainDevice().lfdi());
        Element e = c.endDevice();
        String reg = c.link(e, "RegistrationLink");
        Element r = c.resource("GET Registration", reg, "Registration");
        long got = SepXml.number(r, "pIN").orElse(-1L);
        SepCases.check(ctx, got == pin, REGISTRATION, SepXml.path(r) + "/pIN", "pIN " + got + ", provisioned " + pin);
        SepCases.check(ctx, SepIdentity.isValidPin((int) got), REGISTRATION, SepXml.path(r) + "/pIN",
                "pIN " + got + " has a wrong check digit");
    }
}
