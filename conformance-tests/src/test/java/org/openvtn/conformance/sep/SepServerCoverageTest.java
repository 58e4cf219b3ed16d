package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 "a coverage table": conformance-tests/README.md names every CSIP-AUS server procedure of
 * ../shared/conformance/csip-aus-test-ids.tsv (read at test time, never copied) and every SunSpec CSIP server-side
 * family, each with its {@code sep-server} case or a stated reason; a case a row names exists in the suite.
 */
class SepServerCoverageTest {
    private static final Path README = Path.of("README.md");
    private static final Path TSV = Path.of(System.getProperty("openvtn.conformance.ids",
            "../../shared/conformance/csip-aus-test-ids.tsv"));
    private static final String AUS = "### CSIP-AUS server procedures";
    private static final String SUNSPEC = "### SunSpec CSIP (v1.3 catalogue)";
    /** The SunSpec CSIP families with server-side tests (../shared/conformance/official-test-ids.md). */
    private static final List<String> FAMILIES = List.of("COMM", "CORE", "BASIC", "UTIL", "AGG", "MAINT", "ERR");
    private static final Pattern RANGE = Pattern.compile("([A-Z]+(?:-[A-Z]+)?-)(\\d+)\\s*…\\s*(\\d+)");
    private static final Pattern ID = Pattern.compile("([A-Z]+(?:-[A-Z]+)?-)(\\d+[A-Z]?)");

    /** One table row: the IDs it names, the cases it names ({@code —}: none) and its notes. */
    record Row(List<String> ids, List<String> cases, String notes) {
    }

    @Test
    void everyServerProcedureOfTheSharedListHasARow() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(TSV), "no " + TSV + " (set -Dopenvtn.conformance.ids)");
        Set<String> official = new TreeSet<>();
        for (String line : Files.readAllLines(TSV, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length > 1 && f[1].equals("server")) {
                official.add(f[0]);
            }
        }
        Set<String> named = new TreeSet<>();
        rows(AUS).forEach(r -> named.addAll(r.ids()));
        Set<String> missing = new TreeSet<>(official);
        missing.removeAll(named);
        assertTrue(missing.isEmpty(), "server procedures of " + TSV + " without a row in README.md: " + missing);
        Set<String> invented = new TreeSet<>(named);
        invented.removeAll(official);
        assertTrue(invented.isEmpty(), "rows naming IDs that are not server procedures of " + TSV + ": " + invented);
    }

    @Test
    void everySunSpecServerFamilyIsNamed() throws IOException {
        Set<String> prefixes = new TreeSet<>();
        rows(SUNSPEC).forEach(r -> r.ids().forEach(i -> prefixes.add(i.substring(0, i.indexOf('-')))));
        List<String> missing = FAMILIES.stream().filter(f -> !prefixes.contains(f)).toList();
        assertTrue(missing.isEmpty(), "SunSpec CSIP families without a row: " + missing);
    }

    /**
     * A row names cases of the suite that realise its IDs (each ID among the official IDs of one of them) or, with
     * {@code —}, gives its reason; every CSIP-AUS ID a case claims has a row.
     */
    @Test
    void rowsNameRealCasesOrAReason() throws IOException {
        Map<String, Set<String>> claims = new LinkedHashMap<>();
        new SepServerSuite().cases().forEach(c -> c.info().officialIds().forEach(i ->
                claims.computeIfAbsent(i, k -> new TreeSet<>()).addAll(c.info().officialIds())));
        List<String> problems = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (String section : List.of(AUS, SUNSPEC)) {
            for (Row r : rows(section)) {
                named.addAll(r.ids());
                if (r.cases().isEmpty() && r.notes().isBlank()) {
                    problems.add(r.ids() + ": no case and no reason");
                }
                r.cases().stream().filter(c -> !claims.containsKey(c)).forEach(c -> problems.add(r.ids()
                        + ": no case " + c));
                if (!r.cases().isEmpty()) {
                    r.ids().stream().filter(i -> r.cases().stream().noneMatch(c -> claims.getOrDefault(c, Set.of())
                            .contains(i))).forEach(i -> problems.add(i + ": none of " + r.cases() + " claims it"));
                }
            }
        }
        claims.keySet().stream().filter(i -> i.startsWith("S-ALL-") || i.startsWith("S-OPT-"))
                .filter(i -> !named.contains(i)).forEach(i -> problems.add(i + ": claimed by a case, no row"));
        assertEquals(List.of(), problems);
    }

    /** The rows of the table under {@code heading}. */
    static List<Row> rows(String heading) throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "README.md has no heading " + heading);
        List<Row> out = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            String l = lines.get(i);
            if (!l.startsWith("| ") || l.startsWith("| ID ") || l.startsWith("|---")) {
                continue;
            }
            String[] cells = l.split("\\|", 4);
            String notes = cells.length > 3 ? cells[3].replaceAll("\\|\\s*$", "").trim() : "";
            String cases = cells[2].trim();
            out.add(new Row(expand(cells[1]), cases.equals("—") ? List.of() : expand(cases), notes));
        }
        assertTrue(!out.isEmpty(), "no rows under " + heading);
        return out;
    }

    /**
     * The IDs a cell names: {@code S-ALL-11 … 16, 18} is S-ALL-11 to S-ALL-16 and S-ALL-18 (a bare number keeps the
     * prefix before it, zero-padded like it); other text between IDs is ignored.
     */
    static List<String> expand(String cell) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        String prefix = null;
        int width = 2;
        for (String token : cell.split(",")) {
            String t = token.trim();
            Matcher range = RANGE.matcher(t);
            Matcher id = ID.matcher(t);
            if (range.find()) {
                prefix = range.group(1);
                width = range.group(2).length();
                for (int n = Integer.parseInt(range.group(2)); n <= Integer.parseInt(range.group(3)); n++) {
                    out.put(prefix + String.format("%0" + width + "d", n), true);
                }
            } else if (id.find()) {
                prefix = id.group(1);
                width = id.group(2).replaceAll("[A-Z]", "").length();
                out.put(id.group(0), true);
            } else if (prefix != null && t.matches("\\d+")) {
                out.put(prefix + String.format("%0" + width + "d", Integer.parseInt(t)), true);
            }
        }
        return List.copyOf(out.keySet());
    }
}
