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

    /** @return the default services over the core */
    public static OadrServices of(VtnCore core) {
        EiEventService event = new DefaultEiEventService(core.registrations(), core.events(), core.clock(),
                core.config().nearWindow());
        return new OadrServices(new DefaultEiRegisterPartyService(core.registrations()), event,
                new DefaultEiReportService(core.registrations(), core.reports(), core.clock(), core.pollQueue()),
                new DefaultEiOptService(core.registrations(), core.opts()),
                new DefaultPollService(core.registrations(), core.pollQueue(), core.reports(), event, core.clock(),
                        core.metrics()),
                core.registrations().vtnId());
    }
}
