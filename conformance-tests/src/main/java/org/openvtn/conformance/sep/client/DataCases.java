package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.schemas.sep.DERCapabilityLink;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERSettingsLink;

/**
 * Device data rows of {@code sep-client}: the harness's EndDevice links a DeviceInformation (§10.2.4) and its DER a
 * DERCapability and DERSettings (§10.10.4.2, §10.10.4.3); the device, asked through the driver, PUTs each to the
 * link it was given, schema-valid (rule {@code xsd} on arrival) and with its own identity (CSIP §5.2.1 device
 * information; CSIP-AUS §4.6.2.1 ratings and settings).
 */
final class DataCases {
    /** Rule: the device PUTs its DeviceInformation / DERCapability / DERSettings to the linked resource. */
    static final String DATA = "sep.client.deviceData";

    private DataCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("BASIC-001"), "identification: given the EndDevice's DeviceInformationLink the"
                                + " device PUTs its DeviceInformation there (its own lFDI when present, manufacturer"
                                + " model, serial number)", "IEEE 2030.5-2018 §10.2.4 DeviceInformation; CSIP BASIC-001",
                        DataCases::information),
                DeviceCase.of(List.of("CORE-014", "ALL-09"), "ratings and settings: given its DER's DERCapabilityLink"
                                + " and DERSettingsLink the device PUTs a DERCapability (rtgMaxW) and a DERSettings"
                                + " (setMaxW, updatedTime the server's time) there", "IEEE 2030.5-2018 §10.10.4.2"
                                + " DERCapability, §10.10.4.3 DERSettings; CSIP CORE-014; CSIP-AUS ALL-09",
                        DataCases::ratingsAndSettings));
    }

    /** The harness's DERList, its DER also linking DERCapability and DERSettings when the scenario offers them. */
    static DERList derList(Scenario sc, DERList l) {
        if (sc.deviceData) {
            for (var d : l.getDER()) {
                DERCapabilityLink c = new DERCapabilityLink();
                c.setHref(d.getHref() + "/rated");
                d.setDERCapabilityLink(c);
                DERSettingsLink g = new DERSettingsLink();
                g.setHref(d.getHref() + "/set");
                d.setDERSettingsLink(g);
            }
        }
        return l;
    }

    /** Offers the links, makes the device read them and report; the PUT to {@code path} or empty (checked). */
    static Optional<SepDeviceHarness.Req> reported(DeviceSteps s, int from, String path, String type) {
        Optional<SepDeviceHarness.Req> put;
        try {
            put = s.harness().await(from, r -> r.method().equals("PUT") && r.path().equals(path), s.patience());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            put = Optional.empty();
        }
        Optional<SepDeviceHarness.Req> p = put;
        s.ctx().check(p.isPresent(), () -> RuleViolation.must(DATA, path, "no " + type + " PUT to the linked " + path
                + " within " + s.patience().toSeconds() + " s; requests: " + s.fetched(from)));
        p.ifPresent(r -> s.ctx().check(r.root() != null && type.equals(r.root().getLocalName()),
                () -> RuleViolation.must(DATA, path, "the PUT to " + path + " is not a " + type)));
        return p.filter(r -> r.root() != null && type.equals(r.root().getLocalName()));
    }

    static int offer(DeviceSteps s) throws InterruptedException {
        SepDeviceHarness h = s.harness();
        h.edit(sc -> {
            sc.derList = true;
            sc.deviceData = true;
        });
        s.refresh(null);
        int from = h.count();
        s.driver().deviceData();
        return from;
    }

    static void information(DeviceSteps s) throws Exception {
        int from = offer(s);
        reported(s, from, Scenario.DEVICE_INFO, "DeviceInformation").ifPresent(r -> {
            String lfdi = r.text("lFDI").orElse(null);
            String registered = s.harness().lfdi();
            s.ctx().check(lfdi == null || lfdi.equalsIgnoreCase(registered), () -> RuleViolation.must(DATA,
                    "/DeviceInformation/lFDI", "lFDI " + lfdi + ", the device registered " + registered));
            for (String f : new String[] {"mfModel", "mfSerNum"}) {
                s.ctx().check(r.text(f).filter(v -> !v.isBlank()).isPresent(), () -> RuleViolation.must(DATA,
                        "/DeviceInformation/" + f, "no " + f));
            }
            s.ctx().note("DeviceInformation: " + r.body());
        });
    }

    static void ratingsAndSettings(DeviceSteps s) throws Exception {
        int from = offer(s);
        reported(s, from, Scenario.DER_CAPABILITY, "DERCapability").ifPresent(r -> s.ctx().check(
                r.text("rtgMaxW", "value").isPresent(), () -> RuleViolation.must(DATA, "/DERCapability/rtgMaxW",
                        "no rtgMaxW value")));
        reported(s, from, Scenario.DER_SETTINGS, "DERSettings").ifPresent(r -> {
            s.ctx().check(r.text("setMaxW", "value").isPresent(), () -> RuleViolation.must(DATA,
                    "/DERSettings/setMaxW", "no setMaxW value"));
            long now = s.harness().now();
            long at = r.text("updatedTime").map(Long::parseLong).orElse(-1L);
            s.ctx().check(Math.abs(at - now) <= 60, () -> RuleViolation.must(DATA, "/DERSettings/updatedTime",
                    "updatedTime " + at + ", the server's time is " + now + " (±60 s)"));
        });
    }
}
