package org.openvtn.conformance.oadr3;

import static org.openvtn.conformance.oadr3.Oadr3Role.BL;
import static org.openvtn.conformance.oadr3.Oadr3Role.VEN_B;
import static org.openvtn.conformance.oadr3.PrivacyCases.id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/** Error codes with problem bodies, and RFC 3339 date-times (3.1 Definition "General Usage"). */
final class ErrorCases {
    /** RFC 3339 §5.6 date-time (with the "T" separator and a mandatory offset). */
    static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private ErrorCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                Oadr3Case.must("OADR3-ERR-400", "A body without its required fields, or not JSON, is refused with 400"
                                + " and a problem; nothing is created",
                        "3.1 Definition \"Required and optional properties\" (lacks a required property: 400, not"
                                + " created), \"Message validation\", \"Problem\"", api -> {
                            String pid = id(api.fixture().program());
                            bad(api, api.post(BL, "/programs", Oadr3Api.object().put("programLongName", "no name")));
                            bad(api, api.post(BL, "/events", Oadr3Api.object().put("eventName", "no programID")));
                            bad(api, api.post(VEN_B, "/reports", Oadr3Api.object().put("eventID",
                                    id(api.fixture().eventB()))));
                            bad(api, api.post(VEN_B, "/vens", Oadr3Api.object().put("objectType", "VEN_VEN_REQUEST")));
                            bad(api, api.sendWith("Bearer " + api.harness().token(BL, api), "BL", "POST", "/programs",
                                    "{\"programName\": ", "application/json"));
                            bad(api, api.put(BL, "/programs/" + pid, Oadr3Api.object().put("programName", 42)));
                            Oadr3Answer still = api.get(BL, "/programs/" + pid);
                            api.ctx().check(still.json() != null && api.fixture().program().get("programName")
                                    .equals(still.json().get("programName")), () -> RuleViolation.must("oadr3.400",
                                    still.where(), "a refused PUT changed the program"));
                        }),
                Oadr3Case.must("OADR3-ERR-404", "An unknown object id is answered 404 with a problem",
                        "3.1 Definition \"Response Codes and Errors\" (404 Not Found), \"Problem\"", api -> {
                            String none = "oadr3-suite-absent-" + api.harness().unique("x").hashCode();
                            for (String c : List.of("/programs/", "/events/", "/vens/", "/resources/", "/reports/",
                                    "/subscriptions/")) {
                                Oadr3Answer a = api.get(BL, c + none.replace("-", "_"));
                                if (api.status(a, "oadr3.404", "unknown id", 404)) {
                                    api.problem(a);
                                }
                            }
                            Oadr3Answer put = api.put(BL, "/programs/absent_" + Math.abs(none.hashCode()),
                                    Oadr3Fixture.program(api.harness().unique("absent")));
                            if (api.status(put, "oadr3.404", "PUT of an unknown id", 404)) {
                                api.problem(put);
                            }
                        }),
                Oadr3Case.must("OADR3-ERR-409", "A second program with the same programName, or ven with the same"
                                + " venName, is refused with 409",
                        "3.1 Definition \"Object names\" (programName unique to a VTN, venName unique within it),"
                                + " \"Response Codes and Errors\" (409 Conflict)", api -> {
                            Oadr3Fixture f = api.fixture();
                            Oadr3Answer p = api.post(BL, "/programs", Oadr3Fixture.program(
                                    f.program().get("programName").asText()));
                            if (api.status(p, "oadr3.409", "duplicate programName", 409)) {
                                api.problem(p);
                            }
                            Oadr3Answer v = api.post(VEN_B, "/vens", Oadr3Fixture.venVen(f.targetA()));
                            if (api.status(v, "oadr3.409", "duplicate venName", 409)) {
                                api.problem(v);
                            }
                        }),
                Oadr3Case.must("OADR3-DT-01", "Date-times are RFC 3339; an offset start is read back as the same"
                                + " instant",
                        "openadr3.yaml dateTime (format date-time, RFC 3339), objectMetadata", api -> {
                            ObjectNode e = Oadr3Fixture.event(id(api.fixture().program()),
                                    List.of(api.fixture().targetB()));
                            Instant start = Instant.parse(e.path("intervalPeriod").path("start").asText());
                            String offset = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
                                    .format(start.atOffset(java.time.ZoneOffset.ofHours(2)));
                            ((ObjectNode) e.get("intervalPeriod")).put("start", offset);
                            Oadr3Answer c = api.require(api.post(BL, "/events", e), "oadr3.dateTime",
                                    "an RFC 3339 start with offset +02:00 is valid", 201);
                            dateTimes(api, c.where(), c.json());
                            Oadr3Answer r = api.get(BL, "/events/" + c.id());
                            if (api.status(r, "oadr3.crud", "GET by id", 200)) {
                                dateTimes(api, r.where(), r.json());
                                String back = r.json().path("intervalPeriod").path("start").asText(null);
                                Instant at = back == null ? null : parse(back);
                                api.ctx().check(start.equals(at), () -> RuleViolation.must("oadr3.dateTime",
                                        r.where(), "start " + offset + " read back as " + back));
                            }
                            for (String path : List.of("/programs?limit=5", "/vens?limit=5")) {
                                Oadr3Answer l = api.get(BL, path);
                                if (l.json() != null) {
                                    l.json().forEach(o -> dateTimes(api, l.where(), o));
                                }
                            }
                            ObjectNode bad = Oadr3Fixture.event(id(api.fixture().program()),
                                    List.of(api.fixture().targetB()));
                            ((ObjectNode) bad.get("intervalPeriod")).put("start", "2030-01-01 10:00");
                            Oadr3Answer refused = api.post(BL, "/events", bad);
                            api.ctx().check(refused.status() == 400, () -> RuleViolation.should("oadr3.dateTime",
                                    refused.where(), "a start that is not RFC 3339 should be refused (400); got "
                                            + refused.status()));
                        }));
    }

    private static void bad(Oadr3Api api, Oadr3Answer a) {
        if (api.status(a, "oadr3.400", "required property missing or body malformed", 400)) {
            api.problem(a);
        }
    }

    /** createdDateTime, modificationDateTime and every intervalPeriod.start are RFC 3339. */
    static void dateTimes(Oadr3Api api, String where, JsonNode o) {
        if (o == null) {
            return;
        }
        for (String f : List.of("createdDateTime", "modificationDateTime")) {
            check(api, where, f, o.path(f).asText(null));
        }
        check(api, where, "intervalPeriod.start", o.path("intervalPeriod").path("start").asText(null));
        o.path("intervals").forEach(i -> check(api, where, "intervals[].intervalPeriod.start",
                i.path("intervalPeriod").path("start").asText(null)));
    }

    private static void check(Oadr3Api api, String where, String field, String v) {
        if (v == null) {
            return;
        }
        api.ctx().check(RFC3339.matcher(v).matches() && parse(v) != null, () -> RuleViolation.must("oadr3.dateTime",
                where, field + " '" + v + "' is not an RFC 3339 date-time"));
    }

    static Instant parse(String v) {
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
