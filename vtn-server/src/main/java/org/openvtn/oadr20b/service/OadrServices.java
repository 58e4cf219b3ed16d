package org.openvtn.oadr20b.service;

import org.openvtn.core.service.VtnCore;

/**
 * The five 2.0b services wired over one {@link VtnCore}.
 *
 * @param registerParty EiRegisterParty
 * @param event         EiEvent
 * @param report        EiReport
 * @param opt           EiOpt
 * @param poll          OadrPoll
 * @param vtnId         ei:vtnID
 */
public record OadrServices(EiRegisterPartyService registerParty, EiEventService event, EiReportService report,
                           EiOptService opt, PollService poll, String vtnId) {

    /** @return the default services over the core, with every push host allowed (benchmarks, tests) */
    public static OadrServices of(VtnCore core) {
        return of(core, host -> null);
    }

    /**
     * @param pushHostRefusal the push host rule for oadrTransportAddress: null when allowed, else the reason
     * @return the default services over the core
     */
    public static OadrServices of(VtnCore core, java.util.function.Function<String, String> pushHostRefusal) {
        EiEventService event = new DefaultEiEventService(core.registrations(), core.events(), core.clock(),
                core.config().nearWindow());
        return new OadrServices(new DefaultEiRegisterPartyService(core.registrations(), pushHostRefusal), event,
                new DefaultEiReportService(core.registrations(), core.reports(), core.clock(), core.pollQueue()),
                new DefaultEiOptService(core.registrations(), core.opts()),
                new DefaultPollService(core.registrations(), core.pollQueue(), core.reports(), event, core.clock(),
                        core.metrics()),
                core.registrations().vtnId());
    }
}
