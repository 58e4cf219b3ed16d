package org.openvtn.conformance.sep;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.TargetConfig;

/**
 * Drives OpenVTN through its admin API ({@code /api/v1}, docs/core-model.md): one program for the suite, and one
 * core event per DER control, targeted at the device's LFDI (docs/ieee-2030.5.md "Mapping": LOAD_DISPATCH
 * setpoint -> opModTargetW, LOAD_CONTROL x-loadControlCapacity -> opModMaxLimW, x-exportLimit / x-importLimit /
 * x-generationLimit / x-loadLimit setpoint W -> the CSIP-AUS opMod*LimW, x-connect / x-energize level -> opModConnect /
 * opModEnergize, x-fixedW setpoint % -> opModFixedW, x-fixedPFInject setpoint -> opModFixedPFInjectW, the event's
 * rampUp -> rampTms). The 2030.5 adapter shows the event to the device as a DERControl;
 * the suite then finds it by discovery, never by a path it was told.
 *
 * <p>Target properties: {@code programName} (default {@code conformance-sep}), {@code marketContext}.
 */
public final class AdminSepDriver implements SepServerDriver {

    /** Core signal names of the CSIP-AUS limits (docs/core-model.md, DER limits). */
    private static final Map<DerMode, String> LIMIT_SIGNALS = Map.of(DerMode.EXP_LIM_W, "x-exportLimit",
            DerMode.GEN_LIM_W, "x-generationLimit", DerMode.IMP_LIM_W, "x-importLimit", DerMode.LOAD_LIM_W,
            "x-loadLimit");

    private final AdminClient admin;
    private final TargetConfig target;
    private final String programName;
    private final Map<String, AdminSepDriver> others = new java.util.concurrent.ConcurrentHashMap<>();
    private String programId;

    public AdminSepDriver(AdminClient admin, TargetConfig target) {
        this(admin, target, target.property("programName", "conformance-sep"));
    }

    private AdminSepDriver(AdminClient admin, TargetConfig target, String programName) {
        this.admin = admin;
        this.target = target;
        this.programName = programName;
    }

    @Override
    public String name() {
        return "openvtn-admin";
    }

    /** OpenVTN serves a core program as {@code .../derp/{programId}}. */
    @Override
    public java.util.Optional<String> programMarker(CaseContext ctx) {
        return java.util.Optional.of(programId(ctx));
    }

    @Override
    public Set<DerMode> modes() {
        return EnumSet.of(DerMode.MAX_LIM_W, DerMode.TARGET_W, DerMode.EXP_LIM_W, DerMode.GEN_LIM_W,
                DerMode.IMP_LIM_W, DerMode.LOAD_LIM_W, DerMode.ENERGIZE, DerMode.CONNECT, DerMode.RAMP_TMS,
                DerMode.FIXED_W, DerMode.FIXED_PF_INJECT);
    }

    /**
     * The suite's program: the one of an earlier run (same name, supersede policy) when the target still has it,
     * so repeated runs against one server do not pile up programs; otherwise created on first use.
     */
    public synchronized String programId(CaseContext ctx) {
        String name = programName;
        if (programId == null) {
            Object items = admin.get("/programs").get("items");
            if (items instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> p && name.equals(p.get("name")) && "supersede".equals(p.get("overlap"))) {
                        programId = String.valueOf(p.get("id"));
                        ctx.note("driver: reusing program " + programId + " (" + name + ")");
                    }
                }
            }
        }
        if (programId == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("marketContext", target.property("marketContext", "http://openvtn.org/conformance/sep"));
            // IEEE 2030.5: overlapping controls of one program supersede each other (CORE-023 creates two)
            body.put("overlap", "supersede");
            Map<String, Object> p = admin.post("/programs", body);
            programId = String.valueOf(p.get("id"));
            ctx.note("driver: created program " + programId + " through the admin API");
        }
        return programId;
    }

    @Override
    public Handle createDerControl(CaseContext ctx, DerControlSpec spec) {
        Map<String, Object> event = event(ctx, spec.device(), spec.start(), List.of(signal(spec.mode(), spec.value(),
                spec.duration())), spec.responseRequired());
        if (!spec.randomizeStart().isZero()) {
            event.put("randomizeStart", spec.randomizeStart().toString());
        }
        if (spec.mode() == DerMode.RAMP_TMS) {
            event.put("rampUp", java.time.Duration.ofMillis(Math.round(spec.value() * 10)).toString());
        }
        Map<String, Object> created = admin.post("/events", event);
        String id = String.valueOf(created.get("id"));
        ctx.note("driver: created event " + id + " (" + spec.mode().element() + " " + spec.value() + ", start "
                + spec.start() + ", " + spec.duration() + ") for LFDI " + spec.device().lfdi());
        return new Handle(id, spec);
    }

    /**
     * One core event with one signal per mode, each a single interval of {@code duration}: OpenVTN publishes the
     * interval as ONE DERControl carrying every mode (docs/ieee-2030.5.md "Control combinations").
     */
    @Override
    public Handle createCombinedControl(CaseContext ctx, DeviceIdentity device, Map<DerMode, Double> values,
                                        java.time.Instant start, java.time.Duration duration) {
        List<Map<String, Object>> signals = new java.util.ArrayList<>();
        values.forEach((mode, v) -> signals.add(signal(mode, v, duration)));
        Map<String, Object> created = admin.post("/events", event(ctx, device, start, signals, false));
        String id = String.valueOf(created.get("id"));
        ctx.note("driver: created event " + id + " (" + values + ", start " + start + ", " + duration + ") for LFDI "
                + device.lfdi());
        var first = values.entrySet().iterator().next();
        return new Handle(id, new DerControlSpec(device, first.getKey(), first.getValue(), start, duration, null,
                false));
    }

    private Map<String, Object> event(CaseContext ctx, DeviceIdentity device, java.time.Instant start,
                                      List<Map<String, Object>> signals, boolean responseRequired) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("programId", programId(ctx));
        event.put("start", start.toString());
        event.put("signals", signals);
        event.put("targets", Map.of("venIds", List.of(device.lfdi())));
        event.put("responseRequired", responseRequired ? "always" : "never");
        return event;
    }

    /** The core signal of one mode (docs/ieee-2030.5.md "Mapping"), one interval. */
    private Map<String, Object> signal(DerMode mode, double requested, java.time.Duration duration) {
        Map<String, Object> signal = new LinkedHashMap<>();
        double value;
        switch (mode) {
            case MAX_LIM_W -> {
                signal.put("name", "LOAD_CONTROL");
                signal.put("type", "x-loadControlCapacity");
                value = requested / 100.0;
            }
            case TARGET_W -> {
                signal.put("name", "LOAD_DISPATCH");
                signal.put("type", "setpoint");
                signal.put("units", "W");
                value = requested;
            }
            case EXP_LIM_W, GEN_LIM_W, IMP_LIM_W, LOAD_LIM_W -> {
                signal.put("name", LIMIT_SIGNALS.get(mode));
                signal.put("type", "setpoint");
                signal.put("units", "W");
                value = requested;
            }
            case CONNECT, ENERGIZE -> {
                signal.put("name", mode == DerMode.CONNECT ? "x-connect" : "x-energize");
                signal.put("type", "level");
                value = requested != 0 ? 1 : 0;
            }
            case FIXED_W -> {
                signal.put("name", "x-fixedW"); // docs/core-model.md "DER fixed modes": % of setMaxW
                signal.put("type", "setpoint");
                signal.put("units", "%");
                value = requested;
            }
            case FIXED_PF_INJECT -> {
                signal.put("name", "x-fixedPFInject"); // power factor, negative when under-excited
                signal.put("type", "setpoint");
                value = requested;
            }
            case RAMP_TMS -> {
                // rampTms rides on a control; the event's rampUp (hundredths of a second) carries it, here on a
                // 100 % opModMaxLimW (no curtailment)
                signal.put("name", "LOAD_CONTROL");
                signal.put("type", "x-loadControlCapacity");
                value = 1.0;
            }
            default -> throw new Unsupported(name() + " cannot create " + mode.element()
                    + " controls (no core signal maps to it)");
        }
        signal.put("intervals", List.of(Map.of("duration", duration.toString(), "value", value)));
        return signal;
    }

    /**
     * {@code PUT /sep/programs/{id}/default-control} (docs/ieee-2030.5.md, DefaultDERControl) for the suite's
     * program: opModMaxLimW in hundredths of a percent, opModTargetW in watts, opModConnect/opModEnergize as booleans,
     * rampTms and setGradW as numbers, the CSIP-AUS limits (opModExpLimW ...) in watts.
     */
    @Override
    public void setDefaultControl(CaseContext ctx, DeviceIdentity device, DerMode mode, double value) {
        setDefaultControl(ctx, device, Map.of(mode, value));
    }

    /** As {@link #setDefaultControl(CaseContext, DeviceIdentity, DerMode, double)} with every mode in one PUT. */
    @Override
    public void setDefaultControl(CaseContext ctx, DeviceIdentity device, Map<DerMode, Double> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        values.forEach((mode, value) -> body.put(mode.element(), switch (mode) {
            case MAX_LIM_W, FIXED_W -> Math.round(value * 100);
            case FIXED_PF_INJECT -> throw new Unsupported(name() + " cannot set " + mode.element()
                    + " in a DefaultDERControl (the admin API's default control has no power factor)");
            case TARGET_W, RAMP_TMS, RAMP_RATE, EXP_LIM_W, GEN_LIM_W, IMP_LIM_W, LOAD_LIM_W -> Math.round(value);
            case CONNECT, ENERGIZE -> value != 0;
        }));
        String path = "/sep/programs/" + programId(ctx) + "/default-control";
        admin.put(path, body);
        ctx.note("driver: PUT " + path + " " + body);
    }

    /** {@code POST /sep/devices {"lfdi","pin"}}: the out-of-band PIN of CSIP-AUS S-ALL-01 (§8.3 Registration). */
    @Override
    public void provisionPin(CaseContext ctx, DeviceIdentity device, int pin) {
        admin.post("/sep/devices", Map.of("lfdi", device.lfdi(), "pin", pin));
        ctx.note("driver: provisioned PIN " + pin + " for LFDI " + device.lfdi() + " through the admin API");
    }

    /** {@code PUT /sep/aggregators/{lfdi} {"selfRegister": true}} (docs/ieee-2030.5.md "Aggregator clients"). */
    @Override
    public void registerAggregator(CaseContext ctx, DeviceIdentity aggregator) {
        admin.put("/sep/aggregators/" + aggregator.lfdi(), Map.of("selfRegister", true));
        ctx.note("driver: registered LFDI " + aggregator.lfdi() + " as an aggregator that may self-register sites");
    }

    @Override
    public void removeAggregator(CaseContext ctx, DeviceIdentity aggregator) {
        admin.delete("/sep/aggregators/" + aggregator.lfdi());
        ctx.note("driver: removed aggregator " + aggregator.lfdi());
    }

    /** The pricePowerOfTenMultiplier of the suite's tariff. */
    private static final int PRICE_MULTIPLIER = -4;

    /**
     * The suite program's tariff ({@code PUT /sep/programs/{id}/tariff}, USD at 10^-4, one RateComponent fed by
     * ELECTRICITY_PRICE) and one core event with an ELECTRICITY_PRICE/price interval for the device
     * (docs/ieee-2030.5.md "Pricing").
     */
    @Override
    public int schedulePrice(CaseContext ctx, DeviceIdentity device, java.time.Instant start,
                             java.time.Duration duration, double perKwh) {
        String tariff = "/sep/programs/" + programId(ctx) + "/tariff";
        admin.put(tariff, Map.of("currency", 840, "pricePowerOfTenMultiplier", PRICE_MULTIPLIER));
        admin.put(tariff + "/rates/1", Map.of("signal", "ELECTRICITY_PRICE"));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("programId", programId(ctx));
        event.put("start", start.toString());
        event.put("signals", List.of(Map.of("name", "ELECTRICITY_PRICE", "type", "price", "units", "USD/kWh",
                "intervals", List.of(Map.of("duration", duration.toString(), "value", perKwh)))));
        event.put("targets", Map.of("venIds", List.of(device.lfdi())));
        event.put("responseRequired", "always");
        Map<String, Object> created = admin.post("/events", event);
        ctx.note("driver: PUT " + tariff + " (USD, 10^" + PRICE_MULTIPLIER + ", rate 1 ELECTRICITY_PRICE); created event "
                + created.get("id") + " (ELECTRICITY_PRICE " + perKwh + " USD/kWh, start " + start + ", " + duration
                + ") for LFDI " + device.lfdi());
        return PRICE_MULTIPLIER;
    }

    /** {@code POST /sep/programs/{id}/messages} for the device's LFDI (docs/ieee-2030.5.md "Messaging"). */
    @Override
    public void postMessage(CaseContext ctx, DeviceIdentity device, String text, int priority,
                            java.time.Instant start, java.time.Duration duration) {
        String path = "/sep/programs/" + programId(ctx) + "/messages";
        admin.post(path, Map.of("text", text, "priority", priority, "start", start.toString(), "duration",
                duration.toString(), "lfdi", device.lfdi()));
        ctx.note("driver: POST " + path + " (priority " + priority + ", start " + start + ") for LFDI "
                + device.lfdi());
    }

    /**
     * {@code PUT /sep/programs/{id}/billing/accounts/{n}} for the device's LFDI: USD, one agreement with
     * {@code periods} 30-day BillingPeriods from 2026-01-01 (docs/ieee-2030.5.md "Billing").
     */
    @Override
    public void defineBillingAccount(CaseContext ctx, DeviceIdentity device, String customerAccount, int periods) {
        int n = 1 + Math.floorMod(customerAccount.hashCode(), 999_999);
        String path = "/sep/programs/" + programId(ctx) + "/billing/accounts/" + n;
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (int i = 0; i < periods; i++) {
            list.add(Map.of("start", java.time.Instant.parse("2026-01-01T00:00:00Z").plus(java.time.Duration.ofDays(
                    30L * i)).toString(), "duration", "P30D", "billToDate", 1000L * (i + 1)));
        }
        admin.put(path, Map.of("lfdi", device.lfdi(), "currency", 840, "customerAccount", customerAccount,
                "agreements", List.of(Map.of("serviceAccount", "conformance", "billingPeriods", list))));
        ctx.note("driver: PUT " + path + " (customerAccount " + customerAccount + ", " + periods
                + " billing periods) for LFDI " + device.lfdi());
    }

    /** {@code PUT /sep/poll-rates/{resource}} (docs/ieee-2030.5.md "pollRate and postRate"). */
    @Override
    public void setPollRate(CaseContext ctx, String resource, long seconds) {
        admin.put("/sep/poll-rates/" + resource, Map.of("seconds", seconds));
        ctx.note("driver: PUT /sep/poll-rates/" + resource + " {seconds: " + seconds + "}");
    }

    @Override
    public void clearPollRate(CaseContext ctx, String resource) {
        admin.delete("/sep/poll-rates/" + resource);
        ctx.note("driver: DELETE /sep/poll-rates/" + resource);
    }

    /** {@code PUT /sep/devices/{lfdi}/post-rate}: the postRate of the device's MirrorUsagePoints. */
    @Override
    public void setPostRate(CaseContext ctx, DeviceIdentity device, long seconds) {
        admin.put("/sep/devices/" + device.lfdi() + "/post-rate", Map.of("seconds", seconds));
        ctx.note("driver: PUT /sep/devices/" + device.lfdi() + "/post-rate {seconds: " + seconds + "}");
    }

    @Override
    public void clearPostRate(CaseContext ctx, DeviceIdentity device) {
        admin.delete("/sep/devices/" + device.lfdi() + "/post-rate");
        ctx.note("driver: DELETE /sep/devices/" + device.lfdi() + "/post-rate");
    }

    /** {@code PUT /sep/programs/{id}/primacy}. */
    @Override
    public void setPrimacy(CaseContext ctx, int primacy) {
        String path = "/sep/programs/" + programId(ctx) + "/primacy";
        admin.put(path, Map.of("primacy", primacy));
        ctx.note("driver: PUT " + path + " {primacy: " + primacy + "}");
    }

    /** {@code PUT /sep/devices/{lfdi}/groups}. */
    @Override
    public void assignGroups(CaseContext ctx, DeviceIdentity device, List<String> groups) {
        admin.put("/sep/devices/" + device.lfdi() + "/groups", Map.of("groupIds", groups));
        ctx.note("driver: PUT /sep/devices/" + device.lfdi() + "/groups " + groups);
    }

    /** {@code PUT /sep/programs/{id}/groups}. */
    @Override
    public void offerToGroups(CaseContext ctx, List<String> groups) {
        String path = "/sep/programs/" + programId(ctx) + "/groups";
        admin.put(path, Map.of("groupIds", groups));
        ctx.note("driver: PUT " + path + " " + groups);
    }

    /** A driver on the program named {@code name} (reused from an earlier run, else created). */
    @Override
    public SepServerDriver program(CaseContext ctx, String name) {
        return others.computeIfAbsent(name, n -> new AdminSepDriver(admin, target, n));
    }

    /**
     * {@code PUT /sep/programs/{id}/curves/{900 + curveType}} and one core event with the curve signal
     * {@code x-<mode>} / level = that index for the device (docs/ieee-2030.5.md "Curve references").
     */
    @Override
    public void scheduleCurveControl(CaseContext ctx, DeviceIdentity device, int curveType, int yRefType,
                                     List<int[]> points, java.time.Instant start, java.time.Duration duration) {
        int n = 900 + curveType;
        String curve = "/sep/programs/" + programId(ctx) + "/curves/" + n;
        admin.put(curve, Map.of("curveType", curveType, "yRefType", yRefType, "points", points.stream()
                .map(p -> Map.of("x", p[0], "y", p[1])).toList()));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("programId", programId(ctx));
        event.put("start", start.toString());
        event.put("signals", List.of(Map.of("name", "x-" + CurveCases.CURVE_MODES.get(curveType), "type", "level",
                "intervals", List.of(Map.of("duration", duration.toString(), "value", n)))));
        event.put("targets", Map.of("venIds", List.of(device.lfdi())));
        event.put("responseRequired", "always");
        Map<String, Object> created = admin.post("/events", event);
        ctx.note("driver: PUT " + curve + " (curveType " + curveType + "); created event " + created.get("id")
                + " (x-" + CurveCases.CURVE_MODES.get(curveType) + " = " + n + ", start " + start + ") for LFDI " + device.lfdi());
    }

    @Override
    public void cancel(CaseContext ctx, Handle handle) {
        admin.post("/events/" + handle.id() + "/cancel", Map.of());
        ctx.note("driver: cancelled event " + handle.id());
    }
}
