package org.openvtn.conformance.runner;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.openvtn.conformance.CaseInfo;

/**
 * Which catalogue rows run: {@code --include} and {@code --exclude} globs ({@code *} any run of characters,
 * {@code ?} one character; case-insensitive), matched against a row's ID and each of its official IDs. With
 * no include every row is included; an exclude wins over an include. A row that is not selected is still
 * reported (SKIPPED, with the reason this class gives).
 *
 * @param includes include globs (empty: all)
 * @param excludes exclude globs
 */
public record CaseSelection(List<String> includes, List<String> excludes) {

    public CaseSelection {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    /** Selects every row. */
    public static CaseSelection all() {
        return new CaseSelection(List.of(), List.of());
    }

    /** Empty when the row runs; otherwise the reason it does not (to be reported as SKIPPED). */
    public Optional<String> deselectionReason(CaseInfo info) {
        for (String glob : excludes) {
            if (matches(glob, info)) {
                return Optional.of("deselected: matches --exclude " + glob);
            }
        }
        if (!includes.isEmpty() && includes.stream().noneMatch(g -> matches(g, info))) {
            return Optional.of("deselected: matches no --include (" + String.join(", ", includes) + ")");
        }
        return Optional.empty();
    }

    /** Whether a glob matches the row's ID or one of its official IDs. */
    public static boolean matches(String glob, CaseInfo info) {
        Pattern p = compile(glob);
        return p.matcher(info.id()).matches() || info.officialIds().stream().anyMatch(id -> p.matcher(id).matches());
    }

    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String toString() {
        return "include " + (includes.isEmpty() ? "*" : includes) + ", exclude " + excludes;
    }
}
