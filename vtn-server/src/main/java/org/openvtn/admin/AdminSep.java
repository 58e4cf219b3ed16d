package org.openvtn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.service.DefaultControlSettings;
import org.openvtn.sep.service.SepAdmin;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;

/**
 * Admin API for the IEEE 2030.5 adapter ({@code /api/v1/sep/...}; issue 6): EndDevices (list,
 * pre-register by LFDI with a registration PIN, groups), DefaultDERControls per program,
 * subscriptions and Notification delivery counters (IEEE 2030.5-2018 §5.6), received Responses.
 * Works on the core's database whether or not the 2030.5 listener runs in this process.
 */
final class AdminSep {
    private static final Set<String> DEVICE_FIELDS = Set.of("lfdi", "pin", "groupIds");

    private final SepAdmin sep;

    AdminSep(VtnCore core) {
        this.sep = SepAdmin.on(core);
    }

    /** @return true when a POST on these segments creates a resource (201) */
    static boolean creates(List<String> seg) {
        return seg.size() == 2 && seg.get(1).equals("devices");
    }

    /**
     * @param seg      path segments after {@code /api/v1} (first is {@code sep})
     * @param body     the request body (read lazily)
     * @return the JSON result, or null when no route matches
     */
    JsonNode route(String method, List<String> seg, Supplier<JsonNode> body) {
        String what = seg.size() > 1 ? seg.get(1) : "";
        try {
            switch (what) {
                case "devices":
                    return devices(method, seg, body);
                case "subscriptions":
                    if (seg.size() == 2 && method.equals("GET")) {
                        ArrayNode a = AdminJson.MAPPER.createArrayNode();
                        sep.subscriptions().forEach(s -> a.add(subscription(s)));
                        return a;
                    }
                    return null;
                case "delivery":
                    if (seg.size() == 2 && method.equals("GET")) {
                        SepAdmin.Delivery d = sep.delivery();
                        ObjectNode n = AdminJson.MAPPER.createObjectNode();
                        n.put("subscriptions", d.subscriptions());
                        n.put("delivered", d.delivered());
                        n.put("dropped", d.dropped());
                        n.put("pending", d.pending());
                        return n;
                    }
                    return null;
                case "responses":
                    if (seg.size() == 2 && method.equals("GET")) {
                        ArrayNode a = AdminJson.MAPPER.createArrayNode();
                        sep.responses().forEach(r -> a.add(response(r)));
                        return a;
                    }
                    return null;
                case "programs":
                    if (seg.size() == 4 && seg.get(3).equals("default-control")) {
                        return defaultControl(method, seg.get(2), body);
                    }
                    return null;
                default:
                    return null;
            }
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "invalid input" : e.getMessage();
            int colon = msg.indexOf(':');
            String field = colon > 0 && !msg.substring(0, colon).contains(" ") ? msg.substring(0, colon) : null;
            if (field != null && field.equals("programId") && msg.contains("unknown")) {
                throw VtnException.invalidId("id", msg);
            }
            throw VtnException.invalidData(field, msg);
        }
    }

    private JsonNode devices(String method, List<String> seg, Supplier<JsonNode> body) {
        if (seg.size() == 2 && method.equals("GET")) {
            ArrayNode a = AdminJson.MAPPER.createArrayNode();
            sep.devices().forEach(d -> a.add(device(d)));
            return a;
        }
        if (seg.size() == 2 && method.equals("POST")) {
            ObjectNode b = AdminJson.object(body.get(), "");
            AdminJson.onlyFields(b, DEVICE_FIELDS, "");
            String lfdi = AdminJson.string(b, "lfdi", "lfdi", true);
            JsonNode pin = b.get("pin");
            if (pin == null || !pin.canConvertToInt()) {
                throw VtnException.invalidData("pin", "pin: six digits with a valid check digit required");
            }
            sep.endDevices().provision(lfdi, pin.intValue());
            if (b.has("groupIds")) {
                sep.endDevices().assignGroups(lfdi, AdminJson.strings(b, "groupIds", "groupIds"));
            }
            return device(lfdi);
        }
        if (seg.size() >= 3) {
            String lfdi = seg.get(2);
            if (seg.size() == 3 && method.equals("GET")) {
                return device(lfdi);
            }
            if (seg.size() == 4 && seg.get(3).equals("groups") && method.equals("PUT")) {
                ObjectNode b = AdminJson.object(body.get(), "");
                AdminJson.onlyFields(b, Set.of("groupIds"), "");
                device(lfdi);
                sep.endDevices().assignGroups(lfdi, AdminJson.strings(b, "groupIds", "groupIds"));
                return device(lfdi);
            }
        }
        return null;
    }

    private JsonNode device(String lfdi) {
        return sep.device(lfdi).map(AdminSep::device)
                .orElseThrow(() -> VtnException.invalidId("id", "unknown EndDevice " + lfdi));
    }

    private static ObjectNode device(SepAdmin.Device x) {
        SepEndDevice d = x.device();
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("id", d.id());
        n.put("href", SepPaths.edev(d.id()));
        n.put("lfdi", d.lfdi());
        n.put("sfdi", d.sfdi());
        n.put("registered", d.registered());
        if (d.pin() != null) {
            n.put("pin", String.format("%06d", d.pin()));
            n.put("registeredAt", d.registeredAt().toString());
        }
        n.put("changedTime", d.changedTime().toString());
        n.put("lastSeen", x.lastSeen() == null ? null : x.lastSeen().toString());
        ArrayNode g = n.putArray("groupIds");
        d.groupIds().forEach(g::add);
        n.put("subscriptions", x.subscriptions());
        return n;
    }

    private static ObjectNode subscription(SepAdmin.Subscription x) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        var s = x.subscription();
        n.put("id", s.id());
        n.put("href", SepPaths.sub(s.deviceId(), s.id()));
        n.put("endDeviceId", s.deviceId());
        n.put("subscribedResource", s.subscribedResource());
        n.put("notificationURI", s.notificationUri());
        n.put("limit", s.limit());
        n.put("createdAt", s.createdAt().toString());
        n.put("delivered", s.delivered());
        n.put("dropped", s.dropped());
        n.put("pending", x.pending());
        return n;
    }

    private static ObjectNode response(SepRecords.Response r) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("id", r.id());
        n.put("endDeviceId", r.deviceId());
        n.put("responseSet", r.responseSet());
        n.put("type", r.kind());
        n.put("subject", r.subject());
        if (r.status() == null) {
            n.putNull("status");
        } else {
            n.put("status", r.status());
        }
        n.put("eventId", r.eventId());
        n.put("receivedAt", r.receivedAt().toString());
        return n;
    }

    private JsonNode defaultControl(String method, String programId, Supplier<JsonNode> body) {
        switch (method) {
            case "GET":
                return sep.defaultControls().get(programId).map(AdminSep::defaultControl)
                        .orElseThrow(() -> VtnException.invalidId("id", "no DefaultDERControl for " + programId));
            case "PUT": {
                ObjectNode b = AdminJson.object(body.get(), "");
                Map<String, Object> m = new LinkedHashMap<>();
                b.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isBoolean() ? e.getValue().booleanValue()
                        : e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
                return defaultControl(sep.defaultControls().set(programId, DefaultControlSettings.of(m)));
            }
            case "DELETE":
                if (!sep.defaultControls().delete(programId)) {
                    throw VtnException.invalidId("id", "no DefaultDERControl for " + programId);
                }
                ObjectNode n = AdminJson.MAPPER.createObjectNode();
                n.put("programId", programId);
                n.put("deleted", true);
                return n;
            default:
                return null;
        }
    }

    private static ObjectNode defaultControl(SepRecords.DefaultControl d) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("programId", d.programId());
        n.put("version", d.version());
        n.put("updatedAt", d.updatedAt().toString());
        ObjectNode s = n.putObject("settings");
        DefaultControlSettings.fromText(d.settings()).asMap().forEach((k, v) -> {
            if (v instanceof Boolean bo) {
                s.put(k, bo);
            } else {
                s.put(k, ((Number) v).longValue());
            }
        });
        return n;
    }
}
