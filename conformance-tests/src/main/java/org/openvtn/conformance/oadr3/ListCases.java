package org.openvtn.conformance.oadr3;

import static org.openvtn.conformance.oadr3.Oadr3Role.BL;
import static org.openvtn.conformance.oadr3.PrivacyCases.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/** Pagination and filters (3.1 Definition "Response Filtering"; openadr3.yaml query parameters). */
final class ListCases {
    static final String FILTERING = "3.1 Definition \"Response Filtering\"";

    private ListCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                Oadr3Case.must("OADR3-PAGE-01", "skip and limit page through /programs: windows are consistent",
                        FILTERING + " (VTN SHALL support limit and skip)", ListCases::paging),
                Oadr3Case.must("OADR3-PAGE-02", "limit and skip outside their bounds are refused with 400",
                        "openadr3.yaml parameters skip (minimum 0), limit (minimum 0, maximum 50); 3.1 Definition"
                                + " \"Response Codes and Errors\"", api -> {
                            for (String q : List.of("limit=-1", "skip=-1", "limit=abc")) {
                                Oadr3Answer a = api.get(BL, "/programs?" + q);
                                if (api.status(a, "oadr3.page.bounds", "out-of-schema query parameter", 400)) {
                                    api.problem(a);
                                }
                            }
                            Oadr3Answer big = api.get(BL, "/events?limit=51");
                            boolean clamped = big.status() == 200 && big.json() != null && big.json().isArray()
                                    && big.json().size() <= 50;
                            api.ctx().check(big.status() == 400 || clamped, () -> RuleViolation.must(
                                    "oadr3.page.bounds", big.where(), "limit above 50 must be refused (400) or never"
                                            + " served more than 50 objects; got HTTP " + big.status() + " with "
                                            + (big.json() == null ? 0 : big.json().size()) + " objects"));
                            api.ctx().check(big.status() == 400, () -> RuleViolation.should("oadr3.page.bounds",
                                    big.where(), "limit=51 is outside the parameter's schema: 400 expected"));
                        }),
                Oadr3Case.must("OADR3-FILT-01", "programID filters events; filters are additive with targets",
                        FILTERING + " (filtering params are additive: results match every term)", api -> {
                            Oadr3Fixture f = api.fixture();
                            JsonNode other = api.require(api.post(BL, "/programs", Oadr3Fixture.program(
                                    api.harness().unique("program"))), "oadr3.crud", "createProgram", 201).json();
                            Oadr3Answer e = api.require(api.post(BL, "/events", Oadr3Fixture.event(id(other),
                                    List.of(f.targetA()))), "oadr3.crud", "createEvent", 201);
                            Oadr3Answer a = api.get(BL, "/events?programID=" + id(f.program()));
                            if (api.status(a, "oadr3.filter", FILTERING, 200)) {
                                api.schema(a, "event");
                                only(api, a, "programID", id(f.program()));
                                contains(api, a, List.of(id(f.eventA()), id(f.eventB())), List.of(e.id()));
                            }
                            Oadr3Answer both = api.get(BL, "/events?programID=" + id(f.program()) + "&targets="
                                    + f.targetA());
                            if (api.status(both, "oadr3.filter", FILTERING, 200)) {
                                contains(api, both, List.of(id(f.eventA())), List.of(id(f.eventB()), e.id()));
                            }
                        }),
                Oadr3Case.must("OADR3-FILT-02", "targets filters events and programs",
                        FILTERING + "; openadr3.yaml parameter targets", api -> {
                            Oadr3Fixture f = api.fixture();
                            Oadr3Answer a = api.get(BL, "/events?targets=" + f.targetB());
                            if (api.status(a, "oadr3.filter", FILTERING, 200)) {
                                api.schema(a, "event");
                                for (JsonNode ev : a.json()) {
                                    List<String> t = new ArrayList<>();
                                    ev.path("targets").forEach(x -> t.add(x.asText()));
                                    api.ctx().check(t.contains(f.targetB()), () -> RuleViolation.must("oadr3.filter",
                                            a.where(), "event " + ev.path("id").asText() + " has targets " + t));
                                }
                                contains(api, a, List.of(id(f.eventB())), List.of(id(f.eventA())));
                            }
                            String tag = api.harness().unique("tag");
                            com.fasterxml.jackson.databind.node.ObjectNode p = Oadr3Fixture.program(
                                    api.harness().unique("program"));
                            p.putArray("targets").add(tag);
                            Oadr3Answer tagged = api.require(api.post(BL, "/programs", p), "oadr3.crud",
                                    "createProgram", 201);
                            Oadr3Answer progs = api.get(BL, "/programs?targets=" + tag);
                            if (api.status(progs, "oadr3.filter", FILTERING, 200)) {
                                api.schema(progs, "program");
                                contains(api, progs, List.of(tagged.id()), List.of(id(f.program())));
                            }
                        }));
    }

    private static void paging(Oadr3Api api) {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(api.require(api.post(BL, "/programs", Oadr3Fixture.program(api.harness().unique("page"))),
                    "oadr3.crud", "createProgram", 201).id());
        }
        List<String> all = new ArrayList<>();
        for (int skip = 0; skip < 10_000; skip += 50) {
            Oadr3Answer page = api.require(api.get(BL, "/programs?skip=" + skip + "&limit=50"), "oadr3.page",
                    FILTERING, 200);
            api.schema(page, "program");
            all.addAll(page.ids());
            if (page.ids().size() < 50) {
                break;
            }
        }
        int pos = all.indexOf(mine.get(0));
        api.ctx().check(pos >= 0 && all.containsAll(mine), () -> RuleViolation.must("oadr3.page", "GET /programs",
                "the full listing lacks the programs just created " + mine));
        if (pos < 0) {
            return;
        }
        api.ctx().note("created programs " + mine + " at position " + pos + " of " + all.size());
        Oadr3Answer one = api.get(BL, "/programs?skip=" + pos + "&limit=1");
        api.ctx().check(one.ids().equals(all.subList(pos, pos + 1)), () -> RuleViolation.must("oadr3.page",
                one.where(), "expected " + all.subList(pos, pos + 1) + ", got " + one.ids()));
        Oadr3Answer two = api.get(BL, "/programs?skip=" + pos + "&limit=2");
        List<String> want = all.subList(pos, Math.min(all.size(), pos + 2));
        api.ctx().check(two.ids().equals(want), () -> RuleViolation.must("oadr3.page", two.where(), "expected "
                + want + ", got " + two.ids()));
        Oadr3Answer first = api.get(BL, "/programs?limit=1");
        api.ctx().check(first.status() == 200 && first.ids().size() == 1, () -> RuleViolation.must("oadr3.page",
                first.where(), "limit=1 served " + first.ids().size() + " objects"));
        Oadr3Answer zero = api.get(BL, "/programs?limit=0");
        api.ctx().check(zero.status() == 200 && zero.ids().isEmpty(), () -> RuleViolation.must("oadr3.page",
                zero.where(), "limit=0 must serve no object; got HTTP " + zero.status() + " " + zero.ids()));
        Oadr3Answer past = api.get(BL, "/programs?skip=" + (all.size() + 5));
        api.ctx().check(past.status() == 200 && past.ids().isEmpty(), () -> RuleViolation.must("oadr3.page",
                past.where(), "skip past the end must serve an empty list; got HTTP " + past.status() + " "
                        + past.ids()));
    }

    private static void only(Oadr3Api api, Oadr3Answer a, String field, String value) {
        for (JsonNode o : a.json()) {
            api.ctx().check(value.equals(o.path(field).asText()), () -> RuleViolation.must("oadr3.filter", a.where(),
                    "object " + o.path("id").asText() + " has " + field + " " + o.path(field)));
        }
    }

    private static void contains(Oadr3Api api, Oadr3Answer a, List<String> present, List<String> absent) {
        api.ctx().check(a.ids().containsAll(present), () -> RuleViolation.must("oadr3.filter", a.where(),
                "expected " + present + " among " + a.ids()));
        for (String x : absent) {
            api.ctx().check(!a.ids().contains(x), () -> RuleViolation.must("oadr3.filter", a.where(),
                    x + " does not match the filter but was served"));
        }
    }
}
