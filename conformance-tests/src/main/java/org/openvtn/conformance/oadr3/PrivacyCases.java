package org.openvtn.conformance.oadr3;

import static org.openvtn.conformance.oadr3.Oadr3Role.BL;
import static org.openvtn.conformance.oadr3.Oadr3Role.VEN_A;
import static org.openvtn.conformance.oadr3.Oadr3Role.VEN_B;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Object privacy between two VEN clients (3.1 Definition "Object Privacy"): VEN A never reads, changes or deletes
 * VEN B's ven, resources or reports, nor reads an event targeted only at VEN B. A refused access may answer 403 or
 * 404 (the Definition says only that the VEN's list holds its own objects; by id, either hides the object).
 */
final class PrivacyCases {
    static final String VEN_CREATED = "3.1 Definition \"VEN created object privacy\"";
    static final String TARGETING = "3.1 Definition \"program and event objects - targeting\"";

    private PrivacyCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                Oadr3Case.must("OADR3-PRIV-01", "VEN A cannot list, read, update or delete VEN B's ven",
                        VEN_CREATED + " (reads, updates, deletes of /vens see only the client's own)", api -> {
                            Oadr3Fixture f = api.fixture();
                            hidden(api, "/vens", f.venA(), f.venB());
                            ObjectNode change = Oadr3Fixture.venVen(f.venB().get("venName").asText() + "-stolen");
                            refused(api, api.put(VEN_A, "/vens/" + id(f.venB()), change));
                            refused(api, api.delete(VEN_A, "/vens/" + id(f.venB())));
                            unchanged(api, "/vens/" + id(f.venB()), "venName", f.venB());
                        }),
                Oadr3Case.must("OADR3-PRIV-02", "VEN A cannot list, read, update or delete VEN B's resources",
                        VEN_CREATED + " (/resources)", api -> {
                            Oadr3Fixture f = api.fixture();
                            hidden(api, "/resources", f.resourceA(), f.resourceB());
                            refused(api, api.put(VEN_A, "/resources/" + id(f.resourceB()), Oadr3Fixture.venResource(
                                    "stolen", id(f.venB()))));
                            refused(api, api.delete(VEN_A, "/resources/" + id(f.resourceB())));
                            unchanged(api, "/resources/" + id(f.resourceB()), "resourceName", f.resourceB());
                        }),
                Oadr3Case.must("OADR3-PRIV-03", "VEN A cannot list, read, update or delete VEN B's reports",
                        VEN_CREATED + " (/reports)", api -> {
                            Oadr3Fixture f = api.fixture();
                            Oadr3Answer all = api.get(VEN_A, "/reports");
                            if (api.status(all, "oadr3.privacy", VEN_CREATED, 200)) {
                                api.schema(all, "report");
                                leak(api, all, f.reportB());
                            }
                            refused(api, api.get(VEN_A, "/reports/" + id(f.reportB())));
                            refused(api, api.put(VEN_A, "/reports/" + id(f.reportB()), Oadr3Fixture.report(
                                    id(f.eventB()), "stolen", f.resourceA().get("resourceName").asText())));
                            refused(api, api.delete(VEN_A, "/reports/" + id(f.reportB())));
                            unchanged(api, "/reports/" + id(f.reportB()), "clientName", f.reportB());
                        }),
                Oadr3Case.must("OADR3-PRIV-04", "An event targeted at VEN B is not served to VEN A; VEN B reads it",
                        TARGETING + " (targets granted through the ven object; the VEN's read of an object with"
                                + " targets must match them)", api -> {
                            Oadr3Fixture f = api.fixture();
                            for (String q : List.of("", "?targets=" + f.targetB(), "?targets=" + f.targetA(),
                                    "?programID=" + id(f.program()))) {
                                Oadr3Answer a = api.get(VEN_A, "/events" + q);
                                if (api.status(a, "oadr3.privacy", TARGETING, 200)) {
                                    api.schema(a, "event");
                                    leak(api, a, f.eventB());
                                }
                            }
                            refused(api, api.get(VEN_A, "/events/" + id(f.eventB())));
                            Oadr3Answer b = api.get(VEN_B, "/events?targets=" + f.targetB());
                            if (api.status(b, "oadr3.privacy.granted", TARGETING, 200)) {
                                api.ctx().check(b.ids().contains(id(f.eventB())), () -> RuleViolation.must(
                                        "oadr3.privacy.granted", b.where(), "VEN B does not see the event targeted"
                                                + " at its granted target " + f.targetB() + ": " + b.ids()));
                                api.ctx().check(!b.ids().contains(id(f.eventA())), () -> RuleViolation.must(
                                        "oadr3.privacy", b.where(), "VEN B sees VEN A's event " + id(f.eventA())));
                            }
                        }));
    }

    static String id(JsonNode o) {
        return o.get("id").asText();
    }

    /** VEN A's list holds its own object and not B's; B's object by id is refused. */
    private static void hidden(Oadr3Api api, String coll, JsonNode own, JsonNode other) {
        Oadr3Answer list = api.get(VEN_A, coll);
        if (api.status(list, "oadr3.privacy", VEN_CREATED, 200)) {
            api.schema(list, "objectMetadata");
            api.ctx().check(list.ids().contains(id(own)), () -> RuleViolation.must("oadr3.privacy.own",
                    list.where(), "VEN A's own " + id(own) + " is missing: " + list.ids()));
            leak(api, list, other);
        }
        refused(api, api.get(VEN_A, coll + "/" + id(other)));
    }

    static void leak(Oadr3Api api, Oadr3Answer list, JsonNode other) {
        api.ctx().check(!list.ids().contains(id(other)), () -> RuleViolation.must("oadr3.privacy", list.where(),
                "VEN A was served " + id(other) + ", an object it neither created nor was granted"));
    }

    /** 403 or 404 with a problem; any 2xx is a leak. */
    static void refused(Oadr3Api api, Oadr3Answer a) {
        if (api.status(a, "oadr3.privacy", "3.1 Definition \"Object Privacy\": another VEN's object", 403, 404)) {
            api.problem(a);
        }
    }

    private static void unchanged(Oadr3Api api, String path, String field, JsonNode before) {
        Oadr3Answer a = api.get(BL, path);
        if (api.status(a, "oadr3.privacy.unchanged", "the object must survive VEN A's refused writes", 200)) {
            api.ctx().check(a.json() != null && before.get(field).equals(a.json().get(field)), () -> RuleViolation
                    .must("oadr3.privacy.unchanged", a.where(), field + " changed to " + a.json().get(field)));
        }
    }
}
