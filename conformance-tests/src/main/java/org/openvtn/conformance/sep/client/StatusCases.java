package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * CSIP-AUS DERStatus rows of {@code sep-client}, each field a row of its own (BASIC-028 checks both at once): the
 * connection status (ALL-07, genConnectStatus, ConnectStatusType bits connected / available / operating) and the
 * operational mode status (ALL-08, operationalModeStatus: 1 off, 2 operational). The device is asked for two
 * successive states and must PUT each to its DER's DERStatusLink (IEEE 2030.5-2018 §10.10.4.5; CSIP-AUS §4.6.2.2).
 */
final class StatusCases {
    private StatusCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("ALL-07"), "connection status: the device PUTs the DERStatus genConnectStatus it"
                                + " is asked to report, 07 (connected, available, operating) and then 00 (disconnected)",
                        "IEEE 2030.5-2018 §10.10.4.5 DERStatus genConnectStatus (ConnectStatusType); CSIP-AUS ALL-07",
                        s -> report(s, "genConnectStatus", new int[][] {{7, 2}, {0, 2}})),
                DeviceCase.of(List.of("ALL-08"), "operational mode status: the device PUTs the DERStatus"
                                + " operationalModeStatus it is asked to report, 2 (operational) and then 1 (off)",
                        "IEEE 2030.5-2018 §10.10.4.5 DERStatus operationalModeStatus; CSIP-AUS ALL-08",
                        s -> report(s, "operationalModeStatus", new int[][] {{1, 2}, {1, 1}})));
    }

    /** For each {genConnectStatus, operationalModeStatus} of {@code states}: ask, await the PUT, check {@code field}. */
    static void report(DeviceSteps s, String field, int[][] states) throws Exception {
        SepDeviceHarness h = s.harness();
        h.edit(sc -> sc.derList = true);
        s.refresh(null);
        for (int[] st : states) {
            int from = h.count();
            boolean known = s.driver().derStatus(st[0], st[1]);
            Optional<SepDeviceHarness.Req> put = h.await(from, r -> r.method().equals("PUT")
                    && r.path().equals(Scenario.DER_STATUS), s.patience());
            s.ctx().check(put.isPresent(), () -> RuleViolation.must(TelemetryCases.STATUS, Scenario.DER_STATUS, "no"
                    + " DERStatus PUT to the DER's DERStatusLink within " + s.patience().toSeconds() + " s; requests: "
                    + s.fetched(from)));
            if (put.isEmpty() || !known) {
                continue;
            }
            int expected = field.equals("genConnectStatus") ? st[0] : st[1];
            String sent = put.get().text(field, "value").orElse("absent");
            // genConnectStatus is a hexBinary bit map, operationalModeStatus a number
            Integer got = sent.matches("[0-9A-Fa-f]{1,4}")
                    ? Integer.parseInt(sent, field.equals("genConnectStatus") ? 16 : 10) : null;
            s.ctx().check(got != null && got == expected, () -> RuleViolation.must(TelemetryCases.STATUS,
                    "/DERStatus/" + field, field + " " + sent + ", the device was asked for " + expected));
        }
    }
}
