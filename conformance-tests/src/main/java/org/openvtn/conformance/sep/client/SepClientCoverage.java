package org.openvtn.conformance.sep.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvtn.conformance.ConformanceCase;

/**
 * Coverage of {@code sep-client}: every official client-side ID (SunSpec CSIP v1.3 catalogue: COMM, CORE, BASIC,
 * UTIL, AGG, MAINT, ERR; CSIP-AUS client procedures: ALL, GEN, LOA, STO, MUL, DR*, PRC, SDVN, P) is either realised by
 * a row of the suite (the row names it among its official IDs) or listed in {@link #NOT_COVERED} with the reason.
 * {@link #markdown} renders the table of docs/sep-client-coverage.md; {@code SepClientCoverageTest} fails when the
 * document, this list and the suite's rows disagree.
 */
final class SepClientCoverage {

    /** The SunSpec CSIP conformance catalogue (v1.3, 79 tests); each has a client-side reading. */
    static final List<String> SUNSPEC = sunspec();

    /** Official client IDs no row realises yet, with the reason (our words). */
    static final Map<String, String> NOT_COVERED = notCovered();

    private SepClientCoverage() {
    }

    private static List<String> sunspec() {
        List<String> ids = new ArrayList<>(List.of("COMM-001", "COMM-002", "COMM-003", "COMM-004"));
        for (char c = 'A'; c <= 'G'; c++) {
            ids.add("COMM-004" + c);
        }
        for (int n : new int[] {1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 18, 19, 21, 22, 23}) {
            ids.add(String.format("CORE-%03d", n));
        }
        range(ids, "BASIC", 1, 29);
        range(ids, "UTIL", 1, 4);
        range(ids, "AGG", 1, 12);
        range(ids, "MAINT", 1, 5);
        range(ids, "ERR", 1, 2);
        return List.copyOf(ids);
    }

    private static void range(List<String> ids, String family, int from, int to) {
        for (int i = from; i <= to; i++) {
            ids.add(String.format("%s-%03d", family, i));
        }
    }

    private static Map<String, String> notCovered() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("COMM-001", "DNS-SD discovery: the device library takes a provisioned address only (discovery is optional)");
        m.put("COMM-002", "provisioned server address: every row uses it; no row checks it apart (no observable of its own)");
        m.put("CORE-001", "HTTP method handling is a server check; on the client side nothing observable beyond the walk");
        for (int i = 1; i <= 4; i++) {
            m.put(String.format("UTIL-%03d", i), "utility commissioning and retrieval: server/head-end side, no device behaviour to observe");
        }
        for (int i = 1; i <= 12; i++) {
            m.put(String.format("AGG-%03d", i), "aggregator client (one client for many EndDevices): the device under test is a single EndDevice");
        }
        for (int i = 1; i <= 5; i++) {
            m.put(String.format("MAINT-%03d", i), "model maintenance (schema/model updates): nothing a device run can observe");
        }
        m.put("ERR-001", "HTTP redirects: we found no public CSIP text saying whether a client must follow or refuse a"
                + " 3xx; the device library stays on the provisioned server and treats a 3xx as a failed request"
                + " (docs/device-client.md), so a row would only restate that choice; open until the requirement is known");

        m.put("ALL-29", "operating telemetry against the applied control: needs the physical device's readings");
        m.put("ALT-ALL-29", "EVSE alternate of ALL-29: as ALL-29");
        m.put("ALT-LOA-13", "EVSE alternate of LOA-13: as LOA-13");
        m.put("DRA-01", "DRED configuration (AS/NZS 4777 demand response modes): a physical interface, not 2030.5");
        m.put("DRA-02", "DRED disconnect instruction: a physical interface, not 2030.5");
        m.put("DRD-01", "DRED operational instruction: a physical interface, not 2030.5");
        m.put("DRG-01", "DRED generation instructions: a physical interface, not 2030.5");
        m.put("DRL-01", "DRED load instructions: a physical interface, not 2030.5");
        m.put("GEN-11", "variable export limit: the physical output tracking a changing limit; no observable via the hook");
        m.put("GEN-12", "variable generation limit: as GEN-11");
        m.put("GEN-13", "tracking the export limit through variable load: physical behaviour");
        m.put("LOA-11", "variable import limit: physical behaviour");
        m.put("LOA-12", "variable load limit: physical behaviour");
        m.put("LOA-13", "tracking the import limit through variable load: physical behaviour");
        m.put("P-03", "provisional: long-running control (hours): too long for a CI run");
        for (int i = 1; i <= 5; i++) {
            m.put("PRC-0" + i, "pricing function set: the device library does not claim it");
        }
        m.put("SDVN-01", "service discovery and version negotiation: DNS-SD not implemented (as COMM-001)");
        return m;
    }

    /** Official ID -> ids of the rows that realise it, from the suite's rows. */
    static Map<String, List<String>> rowsByOfficialId(List<ConformanceCase> cases) {
        Map<String, List<String>> out = new TreeMap<>();
        for (ConformanceCase c : cases) {
            for (String id : c.info().officialIds()) {
                out.computeIfAbsent(id, k -> new ArrayList<>()).add(c.info().id());
            }
        }
        return out;
    }

    /**
     * The coverage table: one line per official client ID in {@code ids} order, the row(s) realising it or "—" and
     * the reason.
     */
    static String markdown(List<String> ids, List<ConformanceCase> cases) {
        Map<String, List<String>> rows = rowsByOfficialId(cases);
        StringBuilder b = new StringBuilder("| official ID | realised by row | status |\n|---|---|---|\n");
        int covered = 0;
        for (String id : ids) {
            List<String> r = rows.get(id);
            if (r != null) {
                covered++;
                b.append("| ").append(id).append(" | ").append(String.join(", ", r)).append(" | implemented |\n");
            } else {
                b.append("| ").append(id).append(" | — | not implemented: ")
                        .append(NOT_COVERED.getOrDefault(id, "NO REASON GIVEN")).append(" |\n");
            }
        }
        b.append("\n").append(covered).append(" of ").append(ids.size()).append(" official client IDs realised by ")
                .append(cases.size()).append(" rows.\n");
        return b.toString();
    }
}
