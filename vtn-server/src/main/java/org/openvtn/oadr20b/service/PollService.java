package org.openvtn.oadr20b.service;

import org.openvtn.schemas.oadr20b.OadrPollType;

/** OadrPoll (OpenADR 2.0b 8.7, pull model). */
public interface PollService {
    /**
     * The next queued message for the caller (oadrDistributeEvent, oadrCreateReport,
     * oadrCancelReport, oadrCancelPartyRegistration, oadrRequestReregistration) or an
     * oadrResponse when nothing is queued (G1_4010, conformance rule 500).
     */
    Object poll(OadrCaller caller, OadrPollType request);
}
