package org.openvtn.oadr20b.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.openvtn.oadr20b.service.OadrCaller;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.schemas.oadr20b.OadrCancelOptType;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;

/**
 * The one table of the 2.0b simple-HTTP binding: endpoint name ({@code EiRegisterParty},
 * {@code EiEvent}, {@code EiReport}, {@code EiOpt}, {@code OadrPoll}) -&gt; accepted message type
 * -&gt; service call (OpenADR 2.0b profile 9.1, {@code POST {base}/OpenADR2/Simple/2.0b/{service}}).
 */
public final class OadrRoutes {
    /** A service call taking the caller and the decoded message. */
    public interface Route extends BiFunction<OadrCaller, Object, Object> {
    }

    private final Map<String, Map<Class<?>, Route>> table = new LinkedHashMap<>();

    public OadrRoutes(OadrServices s) {
        Map<Class<?>, Route> reg = endpoint("EiRegisterParty");
        reg.put(OadrQueryRegistrationType.class,
                (c, m) -> s.registerParty().queryRegistration(c, (OadrQueryRegistrationType) m));
        reg.put(OadrCreatePartyRegistrationType.class,
                (c, m) -> s.registerParty().createPartyRegistration(c, (OadrCreatePartyRegistrationType) m));
        reg.put(OadrCancelPartyRegistrationType.class,
                (c, m) -> s.registerParty().cancelPartyRegistration(c, (OadrCancelPartyRegistrationType) m));
        reg.put(OadrCanceledPartyRegistrationType.class,
                (c, m) -> s.registerParty().canceledPartyRegistration(c, (OadrCanceledPartyRegistrationType) m));
        reg.put(OadrResponseType.class, (c, m) -> s.registerParty().response(c, (OadrResponseType) m));

        Map<Class<?>, Route> ev = endpoint("EiEvent");
        ev.put(OadrRequestEventType.class, (c, m) -> s.event().requestEvent(c, (OadrRequestEventType) m));
        ev.put(OadrCreatedEventType.class, (c, m) -> s.event().createdEvent(c, (OadrCreatedEventType) m));

        Map<Class<?>, Route> rep = endpoint("EiReport");
        rep.put(OadrRegisterReportType.class, (c, m) -> s.report().registerReport(c, (OadrRegisterReportType) m));
        rep.put(OadrCreatedReportType.class, (c, m) -> s.report().createdReport(c, (OadrCreatedReportType) m));
        rep.put(OadrUpdateReportType.class, (c, m) -> s.report().updateReport(c, (OadrUpdateReportType) m));
        rep.put(OadrCancelReportType.class, (c, m) -> s.report().cancelReport(c, (OadrCancelReportType) m));
        rep.put(OadrCanceledReportType.class, (c, m) -> s.report().canceledReport(c, (OadrCanceledReportType) m));
        rep.put(OadrCreateReportType.class, (c, m) -> s.report().createReport(c, (OadrCreateReportType) m));

        Map<Class<?>, Route> opt = endpoint("EiOpt");
        opt.put(OadrCreateOptType.class, (c, m) -> s.opt().createOpt(c, (OadrCreateOptType) m));
        opt.put(OadrCancelOptType.class, (c, m) -> s.opt().cancelOpt(c, (OadrCancelOptType) m));

        endpoint("OadrPoll").put(OadrPollType.class, (c, m) -> s.poll().poll(c, (OadrPollType) m));
    }

    private Map<Class<?>, Route> endpoint(String name) {
        return table.computeIfAbsent(name, k -> new LinkedHashMap<>());
    }

    /** @return true when {@code service} is one of the five endpoint names */
    boolean hasEndpoint(String service) {
        return table.containsKey(service);
    }

    /** @return the route for a message on an endpoint */
    public Optional<Route> route(String service, Class<?> messageType) {
        Map<Class<?>, Route> m = table.get(service);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(messageType));
    }

    /** @return the endpoint that accepts the message type, for the error text */
    public Optional<String> endpointOf(Class<?> messageType) {
        return table.entrySet().stream().filter(e -> e.getValue().containsKey(messageType)).map(Map.Entry::getKey)
                .findFirst();
    }
}
