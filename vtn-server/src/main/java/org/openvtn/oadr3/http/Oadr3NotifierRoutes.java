package org.openvtn.oadr3.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.openvtn.oadr3.notify.Oadr3MqttConfig;
import org.openvtn.oadr3.service.Oadr3Caller;
import org.openvtn.oadr3.service.Oadr3Exception;
import org.openvtn.oadr3.service.Oadr3Json;
import org.openvtn.oadr3.service.Oadr3Roles;
import org.openvtn.oadr3.service.Oadr3Services;
import org.openvtn.oadr3.service.Oadr3Topics;
import org.openvtn.oadr3.service.Oadr3VenObjects;

/**
 * {@code GET /notifiers} (listAllNotifiers) and {@code GET /notifiers/mqtt/topics/...} (the twelve
 * listAllMqttNotifierTopics* operations of openadr3.yaml; 3.1 Definition "Notifications via Additional Protocols").
 * Every valid token may ask {@code /notifiers} (the operations list {@code bearerAuth} as an alternative) and the
 * topics of programs it can see; the topics of all events, reports, subscriptions, VENs and resources need
 * {@code read_bl} (which OpenVTN reads as {@code read_all}, the BL role: a VEN client gets 403); the topics of one
 * VEN need {@code read_ven_objects} and a VEN the caller may see (else 404). Without an MQTT notifier the topic
 * operations answer 404.
 */
final class Oadr3NotifierRoutes {
    private final Oadr3Services services;
    private final Oadr3MqttConfig mqtt;

    Oadr3NotifierRoutes(Oadr3Services services, Oadr3MqttConfig mqtt) {
        this.services = services;
        this.mqtt = mqtt;
    }

    /** {@code notifiersResponse}: WEBHOOK is always true; MQTT with the broker's URIs when configured. */
    ObjectNode notifiers() {
        ObjectNode out = Oadr3Json.object();
        out.put("WEBHOOK", true);
        if (mqtt != null) {
            ObjectNode m = out.putObject("MQTT");
            m.set("URIS", Oadr3Json.array(mqtt.advertisedUris()));
            m.put("serialization", "JSON");
            m.putObject("authentication").put("method", "ANONYMOUS");
        }
        return out;
    }

    /**
     * @param seg the path after {@code notifiers/mqtt/topics/}
     * @return the {@code notifierTopicsResponse}
     */
    ObjectNode topics(Oadr3Caller caller, String[] seg) {
        if (mqtt == null) {
            throw Oadr3Exception.notFound("no MQTT notifier is configured (GET /notifiers)");
        }
        String p = mqtt.topicPrefix();
        String first = seg.length > 0 ? seg[0] : "";
        ObjectNode topics;
        if (seg.length == 1 && Set.of("events", "reports", "subscriptions", "vens", "resources").contains(first)) {
            caller.require(Oadr3Roles.READ_ALL);
            topics = Oadr3Topics.describe(p, first, false);
        } else if (first.equals("programs") && seg.length == 1) {
            topics = Oadr3Topics.describe(p, "programs", false);
        } else if (first.equals("programs") && seg.length == 2) {
            services.programs().get(caller, seg[1]);
            topics = Oadr3Topics.describe(p, "programs/" + seg[1], true);
        } else if (first.equals("programs") && seg.length == 3 && seg[2].equals("events")) {
            services.programs().get(caller, seg[1]);
            topics = Oadr3Topics.describe(p, "programs/" + seg[1] + "/events", false);
        } else if (first.equals("vens") && (seg.length == 2 || (seg.length == 3
                && Set.of("events", "programs", "resources").contains(seg[2])))) {
            services.objects().get(caller, Oadr3VenObjects.VEN, seg[1]);
            topics = seg.length == 2 ? Oadr3Topics.describe(p, "vens/" + seg[1], true)
                    : Oadr3Topics.describe(p, "vens/" + seg[1] + "/" + seg[2], false);
        } else {
            throw Oadr3Exception.notFound("no such resource");
        }
        ObjectNode out = Oadr3Json.object();
        out.set("topics", topics);
        return out;
    }
}
