package org.openvtn.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.admin.api.DeletedJson;
import org.openvtn.admin.api.GroupsInput;
import org.openvtn.admin.api.SepAggregatorInput;
import org.openvtn.admin.api.SepAggregatorJson;
import org.openvtn.admin.api.SepDerCurveInput;
import org.openvtn.admin.api.SepDerCurveJson;
import org.openvtn.admin.api.SepDefaultControlJson;
import org.openvtn.admin.api.SepDeliveryJson;
import org.openvtn.admin.api.SepDeviceJson;
import org.openvtn.admin.api.SepProgramPrimacyJson;
import org.openvtn.admin.api.SepResponseJson;
import org.openvtn.admin.api.SepSubscriptionJson;
import org.openvtn.admin.api.SepDeviceInput;
import org.openvtn.core.VtnException;
import org.openvtn.sep.service.DefaultControlSettings;
import org.openvtn.sep.service.SepAdmin;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.service.SepServices;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;

/**
 * Admin API for the IEEE 2030.5 adapter ({@code /api/v1/sep/...}; issue 6): EndDevices (list,
 * pre-register by LFDI with a registration PIN, groups), DefaultDERControls and primacy per program,
 * subscriptions and Notification delivery counters (IEEE 2030.5-2018 §5.6), received Responses.
 * Works on the 2030.5 services the assembly built once, whether or not the 2030.5 listener runs in this process.
 */
final class AdminSep {
    private static final String DEFAULT_CONTROL = "/sep/programs/{id}/default-control";
    private static final String PRIMACY = "/sep/programs/{id}/primacy";
    private static final String MIRRORS = "/sep/devices/{lfdi}/mirror-usage-points";
    private static final String AGGREGATOR = "/sep/aggregators/{lfdi}";
    private static final String CURVES = "/sep/programs/{id}/curves";

    private final SepAdmin sep;
    private final org.openvtn.sep.service.ProgramPrimacyService primacies;
    private final org.openvtn.sep.service.DerCurveService curves;

    AdminSep(SepServices services) {
        this.sep = SepAdmin.of(services);
        this.primacies = services.primacies();
        this.curves = services.curves();
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/sep/devices", guard(c -> sep.devices().stream().map(AdminSep::device).toList())),
                AdminRoute.create("/sep/devices", guard(c -> provision(c.body(SepDeviceInput.class)))),
                AdminRoute.get("/sep/devices/{lfdi}", guard(c -> device(c.param("lfdi")))),
                AdminRoute.put("/sep/devices/{lfdi}/groups", guard(c -> {
                    String lfdi = c.param("lfdi");
                    GroupsInput b = c.body(GroupsInput.class);
                    device(lfdi);
                    sep.endDevices().assignGroups(lfdi, AdminJson.strings(b.groupIds(), "groupIds"));
                    return device(lfdi);
                })),
                AdminRoute.delete("/sep/devices/{lfdi}", guard(c -> {
                    String lfdi = c.param("lfdi");
                    if (!sep.deleteDevice(lfdi)) {
                        throw VtnException.invalidId("id", "unknown EndDevice " + lfdi);
                    }
                    return Map.of("lfdi", lfdi.toUpperCase(java.util.Locale.ROOT), "deleted", true);
                })),
                AdminRoute.get(MIRRORS, guard(c -> {
                    device(c.param("lfdi"));
                    return sep.mirrorUsagePoints(c.param("lfdi")).stream().map(m -> Map.of("id", m.id(),
                            "href", SepPaths.mup(m.id()), "mRID", m.key())).toList();
                })),
                AdminRoute.delete(MIRRORS + "/{mupId}", guard(c -> {
                    long id = mupId(c.param("mupId"));
                    if (!sep.deleteMirrorUsagePoint(c.param("lfdi"), id)) {
                        throw VtnException.invalidId("id", "EndDevice " + c.param("lfdi")
                                + " has no MirrorUsagePoint " + id);
                    }
                    return Map.of("href", SepPaths.mup(id), "deleted", true);
                })),
                // aggregator clients (CSIP AGG-*, CSIP-AUS S-ALL-03; docs/ieee-2030.5.md "Aggregator clients")
                AdminRoute.get("/sep/aggregators", guard(c -> sep.aggregators().stream().map(this::aggregator)
                        .toList())),
                AdminRoute.get(AGGREGATOR, guard(c -> sep.aggregator(c.param("lfdi")).map(this::aggregator)
                        .orElseThrow(() -> VtnException.invalidId("id", "unknown aggregator " + c.param("lfdi"))))),
                AdminRoute.put(AGGREGATOR, guard(c -> {
                    SepAggregatorInput b = c.body(SepAggregatorInput.class);
                    return aggregator(sep.putAggregator(c.param("lfdi"), Boolean.TRUE.equals(b.selfRegister()),
                            AdminJson.strings(b.sites(), "sites")));
                })),
                AdminRoute.delete(AGGREGATOR, guard(c -> {
                    if (!sep.deleteAggregator(c.param("lfdi"))) {
                        throw VtnException.invalidId("id", "unknown aggregator " + c.param("lfdi"));
                    }
                    return Map.of("lfdi", c.param("lfdi").toUpperCase(java.util.Locale.ROOT), "deleted", true);
                })),
                // DERCurves per program (IEEE 2030.5-2018 DERCurve; docs/ieee-2030.5.md "DER curves")
                AdminRoute.get(CURVES, guard(c -> curves.list(c.param("id")).stream().map(AdminSep::curve).toList())),
                AdminRoute.get(CURVES + "/{n}", guard(c -> curves.get(c.param("id"), curveId(c.param("n")))
                        .map(AdminSep::curve).orElseThrow(() -> VtnException.invalidId("id", "program " + c.param("id")
                                + " has no DERCurve " + c.param("n"))))),
                AdminRoute.put(CURVES + "/{n}", guard(c -> {
                    SepDerCurveInput b = c.body(SepDerCurveInput.class);
                    java.util.List<org.openvtn.sep.service.DerCurveDefinition.Point> points = new java.util.ArrayList<>();
                    for (org.openvtn.admin.api.SepCurvePointJson p : b.points() == null
                            ? java.util.List.<org.openvtn.admin.api.SepCurvePointJson>of() : b.points()) {
                        if (p == null || p.x() == null || p.y() == null) {
                            throw VtnException.invalidData("points", "points: every point needs x and y");
                        }
                        points.add(new org.openvtn.sep.service.DerCurveDefinition.Point(p.x(), p.y(), p.excitation()));
                    }
                    var def = new org.openvtn.sep.service.DerCurveDefinition(
                            requiredInt(b.curveType(), "curveType"),
                            b.xMultiplier() == null ? 0 : b.xMultiplier(), b.yMultiplier() == null ? 0 : b.yMultiplier(),
                            requiredInt(b.yRefType(), "yRefType"), points);
                    return curve(curves.put(c.param("id"), curveId(c.param("n")), def));
                })),
                AdminRoute.delete(CURVES + "/{n}", guard(c -> {
                    if (!curves.delete(c.param("id"), curveId(c.param("n")))) {
                        throw VtnException.invalidId("id", "program " + c.param("id") + " has no DERCurve "
                                + c.param("n"));
                    }
                    return Map.of("programId", c.param("id"), "curveId", curveId(c.param("n")), "deleted", true);
                })),
                AdminRoute.get("/sep/subscriptions", guard(c -> sep.subscriptions().stream()
                        .map(AdminSep::subscription).toList())),
                AdminRoute.get("/sep/delivery", guard(c -> {
                    SepAdmin.Delivery d = sep.delivery();
                    return new SepDeliveryJson(d.subscriptions(), d.delivered(), d.dropped(), d.pending());
                })),
                AdminRoute.get("/sep/responses", guard(c -> sep.responses().stream().map(AdminSep::response)
                        .toList())),
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
                    return new DeletedJson(programId, true);
                })),
                // per-program primacy (IEEE 2030.5-2018 DERProgram/DemandResponseProgram.primacy)
                AdminRoute.get(PRIMACY, guard(c -> primacies.get(c.param("id"))
                        .map(v -> new SepProgramPrimacyJson(c.param("id"), v))
                        .orElseThrow(() -> VtnException.invalidId("id", "no primacy set for " + c.param("id"))))),
                AdminRoute.put(PRIMACY, guard(c -> {
                    JsonNode v = c.tree().path("primacy");
                    if (!v.isIntegralNumber()) {
                        throw VtnException.invalidData("primacy", "primacy: an integer 0..255 is required");
                    }
                    primacies.set(c.param("id"), v.intValue());
                    return new SepProgramPrimacyJson(c.param("id"), v.intValue());
                })));
    }

    /** The 2030.5 services refuse bad input with IllegalArgumentException "field: problem": 400 naming it. */
    static AdminRoute.Action guard(AdminRoute.Action action) {
        return c -> {
            try {
                return action.run(c);
            } catch (org.openvtn.sep.service.CurveReferences.CurveInUseException e) {
                throw AdminHandler.error(409, "curveId", e.getMessage());
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

    private SepDeviceJson provision(SepDeviceInput b) {
        String lfdi = AdminJson.required(b.lfdi(), "lfdi");
        sep.endDevices().provision(lfdi, pin(b.pin()));
        if (b.groupIds() != null) {
            sep.endDevices().assignGroups(lfdi, AdminJson.strings(b.groupIds(), "groupIds"));
        }
        return device(lfdi);
    }

    static final String PIN_EXPECTED = "pin: six decimal digits whose last is the IEEE 2030.5 §6.3.4 check digit "
            + "of the first five, as a string (\"012343\", the form this API returns) or a number (12343)";

    /**
     * The registration PIN as given: a JSON number, or the six-digit string this API itself returns (leading zeros
     * kept, issue #17). Anything else -> 400 naming {@code pin} and saying what is expected.
     */
    static int pin(JsonNode pin) {
        if (pin != null && pin.isIntegralNumber() && pin.canConvertToInt() && pin.intValue() >= 0
                && pin.intValue() <= 999_999) {
            return pin.intValue();
        }
        if (pin != null && pin.isTextual() && pin.textValue().matches("[0-9]{6}")) {
            return Integer.parseInt(pin.textValue());
        }
        throw VtnException.invalidData("pin", PIN_EXPECTED + (pin == null ? "; none given" : "; got " + pin));
    }

    private static long mupId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw VtnException.invalidId("id", "mupId: the n of /mup/{n}, a number; got " + raw);
        }
    }

    private SepDeviceJson device(String lfdi) {
        return sep.device(lfdi).map(AdminSep::device)
                .orElseThrow(() -> VtnException.invalidId("id", "unknown EndDevice " + lfdi));
    }

    private static SepDeviceJson device(SepAdmin.Device x) {
        SepEndDevice d = x.device();
        boolean pin = d.pin() != null;
        return new SepDeviceJson(d.id(), SepPaths.edev(d.id()), d.lfdi(), d.sfdi(), d.registered(),
                pin ? String.format("%06d", d.pin()) : null, pin ? AdminViews.text(d.registeredAt()) : null,
                AdminViews.text(d.changedTime()), AdminViews.text(x.lastSeen()), List.copyOf(d.groupIds()),
                x.subscriptions());
    }

    private SepAggregatorJson aggregator(org.openvtn.sep.store.SepAggregator a) {
        List<String> edevs = a.managed().stream().map(l -> sep.endDevices().byLfdi(l)).flatMap(java.util.Optional::stream)
                .map(d -> SepPaths.edev(d.id())).toList();
        return new SepAggregatorJson(a.lfdi(), a.selfRegister(), List.copyOf(a.sites()), List.copyOf(a.selfRegistered()),
                edevs, AdminViews.text(a.createdAt()));
    }

    private static int requiredInt(Integer v, String field) {
        if (v == null) {
            throw VtnException.invalidData(field, field + " is required");
        }
        return v;
    }

    private static int curveId(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw VtnException.invalidId("id", "curveId: the n of .../dc/{n}, a number; got " + raw);
        }
    }

    private static SepDerCurveJson curve(org.openvtn.sep.store.JdbcCurveStore.Curve c) {
        var d = org.openvtn.sep.service.DerCurveDefinition.fromText(c.definition());
        return new SepDerCurveJson(c.programId(), c.curveId(), d.curveType(),
                org.openvtn.sep.service.DerCurveDefinition.CURVE_TYPES.get(d.curveType()), d.xMultiplier(),
                d.yMultiplier(), d.yRefType(), d.points().stream().map(p -> new org.openvtn.admin.api.SepCurvePointJson(
                        p.x(), p.y(), p.excitation())).toList(), AdminViews.text(c.createdAt()));
    }

    private static SepSubscriptionJson subscription(SepAdmin.Subscription x) {
        var s = x.subscription();
        return new SepSubscriptionJson(s.id(), SepPaths.sub(s.deviceId(), s.id()), s.deviceId(),
                s.subscribedResource(), s.notificationUri(), s.limit(), AdminViews.text(s.createdAt()), s.delivered(),
                s.dropped(), x.pending());
    }

    private static SepResponseJson response(SepRecords.Response r) {
        return new SepResponseJson(r.id(), r.deviceId(), r.responseSet(), r.kind(), r.subject(), r.status(),
                r.eventId(), AdminViews.text(r.receivedAt()));
    }

    private static SepDefaultControlJson defaultControl(SepRecords.DefaultControl d) {
        Map<String, Object> settings = new LinkedHashMap<>();
        DefaultControlSettings.fromText(d.settings()).asMap().forEach((k, v) -> settings.put(k,
                v instanceof Boolean ? v : (Object) ((Number) v).longValue()));
        return new SepDefaultControlJson(d.programId(), d.version(), AdminViews.text(d.updatedAt()), settings);
    }
}
