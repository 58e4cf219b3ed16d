package org.openvtn.oadr3.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * OpenVTN's MQTT topic layout for 3.1 notifications. The 3.1 Definition ("Notifications via Additional Protocols")
 * fixes the discovery endpoints ({@code GET /notifiers/mqtt/topics/...}) and gives one example,
 * {@code programs/create}, {@code programs/update}, {@code programs/delete}, {@code programs/+}; the names are the
 * VTN's choice. OpenVTN extends that example uniformly (docs/openadr-3.md):
 * <pre>
 * programs/{op}                    programs/{programID}/{op}         programs/{programID}/events/{op}
 * events/{op}   reports/{op}       subscriptions/{op}                resources/{op}
 * vens/{op}     vens/{venID}/{op}  vens/{venID}/events/{op}          vens/{venID}/programs/{op}
 * vens/{venID}/resources/{op}
 * </pre>
 * with {@code {op}} = {@code create}, {@code update} or {@code delete}; an optional prefix (configuration) goes
 * before every topic. Topics of one object id have no {@code create} (notifierOperationsTopics: "not provided for
 * notifications for a specific object ID").
 */
public final class Oadr3Topics {
    private Oadr3Topics() {
    }

    /**
     * @param prefix   topic prefix, empty or ending with {@code /}
     * @param base     e.g. {@code programs} or {@code vens/<id>/events}
     * @param specific true for topics of one object id (no CREATE)
     * @return the {@code notifierOperationsTopics} object
     */
    public static ObjectNode describe(String prefix, String base, boolean specific) {
        ObjectNode t = Oadr3Json.object();
        String b = prefix + base + "/";
        if (!specific) {
            t.put("CREATE", b + "create");
        }
        t.put("UPDATE", b + "update");
        t.put("DELETE", b + "delete");
        t.put("ALL", b + "+");
        return t;
    }

    /** The topics (without prefix) a notification is published to. */
    static List<String> publish(String type, String operation, ObjectNode object, String programId, String venId,
                                Supplier<List<String>> targetedVens) {
        String op = Oadr3Notifications.level(operation);
        List<String> out = new ArrayList<>();
        switch (type) {
            case Oadr3Programs.TYPE -> {
                out.add("programs/" + op);
                if (!op.equals("create")) {
                    out.add("programs/" + programId + "/" + op);
                }
                targetedVens.get().forEach(v -> out.add("vens/" + v + "/programs/" + op));
            }
            case Oadr3Events.TYPE -> {
                out.add("events/" + op);
                if (programId != null) {
                    out.add("programs/" + programId + "/events/" + op);
                }
                targetedVens.get().forEach(v -> out.add("vens/" + v + "/events/" + op));
            }
            case Oadr3VenObjects.REPORT -> out.add("reports/" + op);
            case Oadr3VenObjects.SUBSCRIPTION -> out.add("subscriptions/" + op);
            case Oadr3VenObjects.VEN -> {
                out.add("vens/" + op);
                if (!op.equals("create")) {
                    out.add("vens/" + venId + "/" + op);
                }
            }
            case Oadr3VenObjects.RESOURCE -> {
                out.add("resources/" + op);
                if (venId != null) {
                    out.add("vens/" + venId + "/resources/" + op);
                }
            }
            default -> throw new IllegalArgumentException("not a subscribable object: " + type);
        }
        return out;
    }
}
