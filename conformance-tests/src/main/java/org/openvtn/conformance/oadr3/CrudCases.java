package org.openvtn.conformance.oadr3;

import static org.openvtn.conformance.oadr3.Oadr3Role.BL;
import static org.openvtn.conformance.oadr3.Oadr3Role.VEN_A;
import static org.openvtn.conformance.oadr3.PrivacyCases.id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Create, read, update and delete of every resource with the status codes of 3.1 Definition "Response Codes and
 * Errors" (POST 201, GET/PUT/DELETE 200, then 404), the metadata of "Object Metadata" and the read-back of what was
 * written. Vens and resources are judged by {@code objectMetadata} only: the published {@code ven} and {@code resource}
 * schemas (allOf objectMetadata and BlVenRequest / BlResourceRequest) demand an objectType that is both VEN and
 * BL_VEN_REQUEST, which no object satisfies (docs/openadr-3.md).
 */
final class CrudCases {
    static final String CODES = "3.1 Definition \"Response Codes and Errors\", \"Object Metadata\", \"POST and PUT\"";

    private CrudCases() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                Oadr3Case.must("OADR3-CRUD-PROGRAM", "BL creates, reads, updates and deletes a program",
                        CODES + "; openadr3.yaml createProgram/searchProgramByProgramId/updateProgram/deleteProgram",
                        api -> {
                            String name = api.harness().unique("crud-program");
                            ObjectNode body = Oadr3Fixture.program(name);
                            body.put("id", "client-chosen-id").put("objectType", "EVENT"); // ignored (POST and PUT)
                            crud(api, BL, "/programs", body, "program", "PROGRAM", created -> {
                                ObjectNode u = Oadr3Fixture.program(name);
                                u.put("programLongName", "updated by the conformance suite");
                                return u;
                            }, "programLongName");
                        }),
                Oadr3Case.must("OADR3-CRUD-EVENT", "BL creates, reads, updates and deletes an event",
                        CODES + "; openadr3.yaml createEvent/searchEventsByID/updateEvent/deleteEvent", api -> {
                            String pid = id(api.fixture().program());
                            List<String> t = List.of(api.harness().unique("crud-target"));
                            crud(api, BL, "/events", Oadr3Fixture.event(pid, t), "event", "EVENT", created -> {
                                ObjectNode u = created.deepCopy();
                                u.remove(List.of("id", "createdDateTime", "modificationDateTime", "objectType"));
                                u.put("eventName", "updated");
                                return u;
                            }, "eventName");
                        }),
                Oadr3Case.must("OADR3-CRUD-VEN", "A VEN client creates, reads, updates and deletes its ven",
                        CODES + "; 3.1 Definition \"VEN created object privacy\" (clientID written by the VTN)",
                        api -> {
                            String name = api.harness().unique("crud-ven");
                            JsonNode v = crud(api, VEN_A, "/vens", Oadr3Fixture.venVen(name), "objectMetadata", "VEN",
                                    created -> Oadr3Fixture.venVen(name + "-renamed"), "venName");
                            api.ctx().check(v != null && v.hasNonNull("clientID"), () -> RuleViolation.must(
                                    "oadr3.privacy.clientID", "POST /vens", "the VTN did not write the VEN's clientID"
                                            + " into the ven"));
                        }),
                Oadr3Case.must("OADR3-CRUD-RESOURCE", "A VEN client creates, reads, updates and deletes a resource",
                        CODES + "; openadr3.yaml createResource/searchVenResourceByID/updateVenResource/"
                                + "deleteVenResource", api -> {
                            String ven = id(api.fixture().venA());
                            String name = api.harness().unique("crud-res");
                            crud(api, VEN_A, "/resources", Oadr3Fixture.venResource(name, ven), "objectMetadata",
                                    "RESOURCE", created -> Oadr3Fixture.venResource(name + "-renamed", ven),
                                    "resourceName");
                        }),
                Oadr3Case.must("OADR3-CRUD-REPORT", "A VEN client creates, reads, updates and deletes a report",
                        CODES + "; openadr3.yaml createReport/searchReportsByReportID/updateReport/deleteReport",
                        api -> {
                            Oadr3Fixture f = api.fixture();
                            String res = f.resourceA().get("resourceName").asText();
                            crud(api, VEN_A, "/reports", Oadr3Fixture.report(id(f.eventA()), f.targetA(), res),
                                    "report", "REPORT", created -> {
                                        ObjectNode u = Oadr3Fixture.report(id(f.eventA()), f.targetA(), res);
                                        u.put("reportName", "updated");
                                        return u;
                                    }, "reportName");
                        }),
                Oadr3Case.must("OADR3-CRUD-SUBSCRIPTION", "A VEN client creates, reads, updates and deletes a"
                                + " subscription (callback on the suite's webhook receiver)",
                        CODES + "; 3.1 Definition \"Subscriptions\"", api -> {
                            String cb = api.harness().receiver().callback(api.harness().unique("crud-sub"),
                                    WebhookReceiver.Mode.ECHO);
                            String client = api.fixture().targetA();
                            crud(api, VEN_A, "/subscriptions", Oadr3Fixture.subscription(client, cb, List.of("EVENT"),
                                    List.of("CREATE"), null), "subscription", "SUBSCRIPTION",
                                    created -> Oadr3Fixture.subscription(client, cb, List.of("EVENT"),
                                            List.of("CREATE", "UPDATE"), null), "objectOperations");
                        }));
    }

    interface Update {
        ObjectNode body(JsonNode created);
    }

    /** The whole life of one object; returns it as created (null if creation failed). */
    static JsonNode crud(Oadr3Api api, Oadr3Role role, String coll, ObjectNode body, String schema, String type,
                         Update update, String changed) {
        Oadr3Answer c = api.post(role, coll, body);
        if (!api.status(c, "oadr3.crud", "POST creates: 201", 201) || c.id() == null) {
            return null;
        }
        api.schema(c, schema);
        JsonNode created = c.json();
        api.ctx().check(type.equals(created.path("objectType").asText()), () -> RuleViolation.must("oadr3.metadata",
                c.where(), "objectType " + created.path("objectType") + ", expected " + type));
        api.ctx().check(!"client-chosen-id".equals(c.id()), () -> RuleViolation.must("oadr3.metadata", c.where(),
                "the VTN kept the id sent in the POST body (POST and PUT: it SHALL be ignored)"));
        Oadr3Answer r = api.get(role, coll + "/" + c.id());
        if (api.status(r, "oadr3.crud", "GET by id: 200", 200)) {
            api.schema(r, schema);
            for (String f : List.of("id", "createdDateTime")) {
                api.ctx().check(created.path(f).equals(r.json().path(f)), () -> RuleViolation.must("oadr3.crud",
                        r.where(), f + " read back as " + r.json().path(f) + ", created as " + created.path(f)));
            }
        }
        ObjectNode u = update.body(created);
        Oadr3Answer p = api.put(role, coll + "/" + c.id(), u);
        if (api.status(p, "oadr3.crud", "PUT updates: 200", 200)) {
            api.schema(p, schema);
            Oadr3Answer again = api.get(role, coll + "/" + c.id());
            api.ctx().check(again.json() != null && u.get(changed).equals(again.json().get(changed)),
                    () -> RuleViolation.must("oadr3.crud", again.where(), changed + " read back as "
                            + (again.json() == null ? null : again.json().get(changed)) + ", PUT " + u.get(changed)));
            if (again.json() != null) {
                modifiedAfter(api, again, created);
            }
        }
        Oadr3Answer d = api.delete(role, coll + "/" + c.id());
        if (api.status(d, "oadr3.crud", "DELETE: 200", 200)) {
            Oadr3Answer gone = api.get(role, coll + "/" + c.id());
            if (api.status(gone, "oadr3.crud", "a deleted object is Not Found", 404)) {
                api.problem(gone);
            }
        }
        return created;
    }

    private static void modifiedAfter(Oadr3Api api, Oadr3Answer a, JsonNode created) {
        try {
            OffsetDateTime m = OffsetDateTime.parse(a.json().path("modificationDateTime").asText());
            OffsetDateTime c = OffsetDateTime.parse(created.path("createdDateTime").asText());
            api.ctx().check(!m.isBefore(c), () -> RuleViolation.must("oadr3.metadata", a.where(),
                    "modificationDateTime " + m + " before createdDateTime " + c));
        } catch (java.time.format.DateTimeParseException e) {
            api.ctx().violations(List.of(RuleViolation.must("oadr3.dateTime", a.where(), e.getMessage())));
        }
    }
}
