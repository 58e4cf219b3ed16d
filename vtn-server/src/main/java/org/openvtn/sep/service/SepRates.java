package org.openvtn.sep.service;

import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DemandResponseProgramList;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.FlowReservationRequestList;
import org.openvtn.schemas.sep.FlowReservationResponseList;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.LogEventList;
import org.openvtn.schemas.sep.MessagingProgramList;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.MirrorUsagePointList;
import org.openvtn.schemas.sep.Registration;
import org.openvtn.schemas.sep.ResponseSetList;
import org.openvtn.schemas.sep.SubscriptionList;
import org.openvtn.schemas.sep.TariffProfileList;
import org.openvtn.schemas.sep.Time;
import org.openvtn.schemas.sep.UsagePointList;
import org.openvtn.sep.store.JdbcSepRateStore;
import org.openvtn.sep.store.JdbcSepRateStore.Rate;
import org.openvtn.sep.store.JdbcSepRecordStore;

/**
 * Per-resource pollRate and postRate set by the operator (IEEE 2030.5-2018 §5.7 polling: "pollRate: the default
 * polling rate for this resource and all resources below it"; MirrorUsagePoint.postRate: how often the client posts
 * its readings; CSIP-AUS S-ALL-43 "Update Poll Rates", S-OPT-05 "Update Telemetry Post Rates").
 *
 * <p>A pollRate is set per sep.xsd resource type ({@link #POLLED}) for every device; a resource type without one
 * keeps the listener's configured pollRate. A postRate is set for every device's MirrorUsagePoints, or for one
 * device's (by LFDI; the device's own value wins); without one the MirrorUsagePoint is served as the client posted it.
 * The values are applied when a response or Notification is rendered ({@link #stamp}), so they reach a client on its
 * next read; a pollRate change of a subscribable list (EndDeviceList, FunctionSetAssignmentsList, DERProgramList,
 * DemandResponseProgramList) also notifies that list's subscribers (change kind {@code poll}).
 */
public final class SepRates {
    /** Change-log kind of a pollRate change (the resource type rides in the change's program column). */
    public static final String POLL_CHANGE = "poll";
    /** Every device. */
    public static final String ALL = "*";
    private static final String POLL = "poll";
    private static final String POST = "post";
    private static final String MUP = "MirrorUsagePoint";

    /** The sep.xsd types with a pollRate attribute this server serves, by type name. */
    public static final Map<String, Class<?>> POLLED = polled();

    private final JdbcSepRateStore store;
    private final JdbcSepRecordStore records;
    private final Clock clock;

    public SepRates(JdbcSepRateStore store, JdbcSepRecordStore records, Clock clock) {
        this.store = store;
        this.records = records;
        this.clock = clock;
    }

    private static Map<String, Class<?>> polled() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (Class<?> c : List.of(DeviceCapability.class, Time.class, EndDeviceList.class, Registration.class,
                FunctionSetAssignmentsList.class, DERProgramList.class, DemandResponseProgramList.class,
                DERList.class, MirrorUsagePointList.class, UsagePointList.class, ResponseSetList.class,
                SubscriptionList.class, LogEventList.class, TariffProfileList.class, MessagingProgramList.class,
                FlowReservationRequestList.class, FlowReservationResponseList.class,
                org.openvtn.schemas.sep.CustomerAccountList.class)) {
            m.put(c.getSimpleName(), c);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Sets the pollRate of a resource type for every device.
     *
     * @throws IllegalArgumentException naming {@code resource} or {@code seconds}
     */
    public void setPollRate(String resource, long seconds) {
        store.put(new Rate(POLL, ALL, polledType(resource), seconds(seconds)), clock.instant());
        records.recordChange(POLL_CHANGE, null, resource, clock.instant());
    }

    /** @return whether a pollRate was set; the configured one applies again */
    public boolean clearPollRate(String resource) {
        boolean removed = store.remove(POLL, ALL, polledType(resource));
        if (removed) {
            records.recordChange(POLL_CHANGE, null, resource, clock.instant());
        }
        return removed;
    }

    /**
     * Sets the MirrorUsagePoint postRate for one device ({@code lfdi}) or every device ({@link #ALL}).
     *
     * @throws IllegalArgumentException naming {@code lfdi} or {@code seconds}
     */
    public void setPostRate(String scope, long seconds) {
        store.put(new Rate(POST, scope(scope), MUP, seconds(seconds)), clock.instant());
    }

    /** @return whether a postRate was set for that scope */
    public boolean clearPostRate(String scope) {
        return store.remove(POST, scope(scope), MUP);
    }

    /** @return the pollRates the operator set, by resource type */
    public Map<String, Long> pollRates() {
        Map<String, Long> out = new LinkedHashMap<>();
        store.all().stream().filter(r -> POLL.equals(r.kind())).forEach(r -> out.put(r.resource(), r.seconds()));
        return out;
    }

    /** @return the MirrorUsagePoint postRates the operator set, by scope ({@link #ALL} or an LFDI) */
    public Map<String, Long> postRates() {
        return postRates(store.all());
    }

    private static Map<String, Long> postRates(List<Rate> rates) {
        Map<String, Long> out = new LinkedHashMap<>();
        rates.stream().filter(r -> POST.equals(r.kind())).forEach(r -> out.put(r.scope(), r.seconds()));
        return out;
    }

    /** @return the postRate a device's MirrorUsagePoints are served with, if the operator set one */
    public Optional<Long> postRate(String lfdi) {
        return postRate(postRates(), lfdi);
    }

    private static Optional<Long> postRate(Map<String, Long> post, String lfdi) {
        Long own = lfdi == null ? null : post.get(lfdi.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(own != null ? own : post.get(ALL));
    }

    /**
     * Applies the operator's rates to a resource about to be sent (a response body or a Notification's resource): its
     * pollRate when its type has one set; a MirrorUsagePoint's postRate (also inside a MirrorUsagePointList) by its
     * deviceLFDI. Anything else is left as rendered.
     *
     * @return {@code body}
     */
    public Object stamp(Object body) {
        if (body == null) {
            return null;
        }
        String type = body.getClass().getSimpleName();
        boolean mirror = body instanceof MirrorUsagePoint || body instanceof MirrorUsagePointList;
        if (!mirror && POLLED.get(type) != body.getClass()) {
            return body; // no rate on it: the store is not read (one round trip saved on PostgreSQL)
        }
        List<Rate> rates = store.all();
        for (Rate r : rates) {
            if (POLL.equals(r.kind()) && r.resource().equals(type)) {
                SETTERS.get(type).accept(body, r.seconds());
            }
        }
        Map<String, Long> post = mirror ? postRates(rates) : Map.of();
        if (body instanceof MirrorUsagePoint m) {
            postRate(post, m);
        } else if (body instanceof MirrorUsagePointList l) {
            l.getMirrorUsagePoint().forEach(m -> postRate(post, m));
        }
        return body;
    }

    private static void postRate(Map<String, Long> post, MirrorUsagePoint m) {
        String lfdi = m.getDeviceLFDI() == null ? null : HexFormat.of().withUpperCase().formatHex(m.getDeviceLFDI());
        postRate(post, lfdi).ifPresent(m::setPostRate);
    }

    private static final Map<String, BiConsumer<Object, Long>> SETTERS = Map.ofEntries(
            Map.entry("DeviceCapability", (o, v) -> ((DeviceCapability) o).setPollRate(v)),
            Map.entry("Time", (o, v) -> ((Time) o).setPollRate(v)),
            Map.entry("EndDeviceList", (o, v) -> ((EndDeviceList) o).setPollRate(v)),
            Map.entry("Registration", (o, v) -> ((Registration) o).setPollRate(v)),
            Map.entry("FunctionSetAssignmentsList", (o, v) -> ((FunctionSetAssignmentsList) o).setPollRate(v)),
            Map.entry("DERProgramList", (o, v) -> ((DERProgramList) o).setPollRate(v)),
            Map.entry("DemandResponseProgramList", (o, v) -> ((DemandResponseProgramList) o).setPollRate(v)),
            Map.entry("DERList", (o, v) -> ((DERList) o).setPollRate(v)),
            Map.entry("MirrorUsagePointList", (o, v) -> ((MirrorUsagePointList) o).setPollRate(v)),
            Map.entry("UsagePointList", (o, v) -> ((UsagePointList) o).setPollRate(v)),
            Map.entry("ResponseSetList", (o, v) -> ((ResponseSetList) o).setPollRate(v)),
            Map.entry("SubscriptionList", (o, v) -> ((SubscriptionList) o).setPollRate(v)),
            Map.entry("LogEventList", (o, v) -> ((LogEventList) o).setPollRate(v)),
            Map.entry("TariffProfileList", (o, v) -> ((TariffProfileList) o).setPollRate(v)),
            Map.entry("MessagingProgramList", (o, v) -> ((MessagingProgramList) o).setPollRate(v)),
            Map.entry("FlowReservationRequestList", (o, v) -> ((FlowReservationRequestList) o).setPollRate(v)),
            Map.entry("FlowReservationResponseList", (o, v) -> ((FlowReservationResponseList) o).setPollRate(v)),
            Map.entry("CustomerAccountList", (o, v) -> ((org.openvtn.schemas.sep.CustomerAccountList) o)
                    .setPollRate(v)));

    private static String polledType(String resource) {
        if (resource == null || !POLLED.containsKey(resource)) {
            throw new IllegalArgumentException("resource: not a resource with a pollRate; one of " + POLLED.keySet());
        }
        return resource;
    }

    private static long seconds(long seconds) {
        if (seconds < 1 || seconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seconds: must be 1..4294967295 (UInt32 seconds)");
        }
        return seconds;
    }

    private static String scope(String scope) {
        if (ALL.equals(scope)) {
            return ALL;
        }
        if (scope == null || !scope.matches("[0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException("lfdi: 40 hexadecimal digits (IEEE 2030.5 §6.3.4 LFDI)");
        }
        return scope.toUpperCase(Locale.ROOT);
    }
}
