package org.openvtn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.admin.api.GroupsInput;
import org.openvtn.admin.api.SepDeviceInput;
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
    private static final String DEFAULT_CONTROL = "/sep/programs/{id}/default-control";

    private final SepAdmin sep;

    AdminSep(VtnCore core) {
        this.sep = SepAdmin.on(core);
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/sep/devices", guard(c -> {
                    ArrayNode a = AdminJson.MAPPER.createArrayNode();
                    sep.devices().forEach(d -> a.add(device(d)));
                    return a;
                })),
                AdminRoute.create("/sep/devices", guard(c -> provision(c.body(SepDeviceInput.class)))),
                AdminRoute.get("/sep/devices/{lfdi}", guard(c -> device(c.param("lfdi")))),
                AdminRoute.put("/sep/devices/{lfdi}/groups", guard(c -> {
                    String lfdi = c.param("lfdi");
                    GroupsInput b = c.body(GroupsInput.class);
                    device(lfdi);
                    sep.endDevices().assignGroups(lfdi, AdminJson.strings(b.groupIds(), "groupIds"));
                    return device(lfdi);
                })),
                AdminRoute.get("/sep/subscriptions", guard(c -> {
                    ArrayNode a = AdminJson.MAPPER.createArrayNode();
                    sep.subscriptions().forEach(s -> a.add(subscription(s)));
                    return a;
                })),
                AdminRoute.get("/sep/delivery", guard(c -> {
                    SepAdmin.Delivery d = sep.delivery();
                    ObjectNode n = AdminJson.MAPPER.createObjectNode();
                    n.put("subscriptions", d.subscriptions());
                    n.put("delivered", d.delivered());
                    n.put("dropped", d.dropped());
                    n.put("pending", d.pending());
                    return n;
                })),
                AdminRoute.get("/sep/responses", guard(c -> {
                    ArrayNode a = AdminJson.MAPPER.createArrayNode();
                    sep.responses().forEach(r -> a.add(response(r)));
                    return a;
                })),
                AdminRoute.get(DEFAULT_CONTROL, guard(c -> sep.defaultControls().get(c.param("id"))
                        .map(AdminSep::defaultControl)
                        .orElseThrow(() -> VtnException.invalidId("id", "no DefaultDERControl for " + c.param("id"))))),
                AdminRoute.put(DEFAULT_CONTROL, guard(c -> {
                    JsonNode b = c.tree();
                    if (!b.isObject()) {
                        throw VtnException.invalidData("body", "body must be a JSON object");
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    b.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isBoolean()
                            ? e.getValue().booleanValue()
                            : e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
                    return defaultControl(sep.defaultControls().set(c.param("id"), DefaultControlSettings.of(m)));
                })),
                AdminRoute.delete(DEFAULT_CONTROL, guard(c -> {
                    String programId = c.param("id");
                    if (!sep.defaultControls().delete(programId)) {
                        throw VtnException.invalidId("id", "no DefaultDERControl for " + programId);
                    }
                    ObjectNode n = AdminJson.MAPPER.createObjectNode();
                    n.put("programId", programId);
                    n.put("deleted", true);
                    return n;
                })));
    }

    /** The 2030.5 services refuse bad input with IllegalArgumentException "field: problem": 400 naming it. */
    private static AdminRoute.Action guard(AdminRoute.Action action) {
        return c -> {
            try {
                return action.run(c);
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage() == null ? "invalid input" : e.getMessage();
                int colon = msg.indexOf(':');
                String field = colon > 0 && !msg.substring(0, colon).contains(" ") ? msg.substring(0, colon) : null;
                if (field != null && field.equals("programId") && msg.contains("unknown")) {
                    throw VtnException.invalidId("id", msg);
                }
                throw VtnException.invalidData(field, msg);
            }
        };
    }

    private JsonNode provision(SepDeviceInput b) {
        String lfdi = AdminJson.required(b.lfdi(), "lfdi");
        JsonNode pin = b.pin();
        if (pin == null || !pin.canConvertToInt()) {
            throw VtnException.invalidData("pin", "pin: six digits with a valid check digit required");
        }
        sep.endDevices().provision(lfdi, pin.intValue());
        if (b.groupIds() != null) {
            sep.endDevices().assignGroups(lfdi, AdminJson.strings(b.groupIds(), "groupIds"));
        }
        return device(lfdi);
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
