package org.openvtn.oadr20b.service;

import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;

/** EiEvent (OpenADR 2.0b 8.2). */
public interface EiEventService {
    /** oadrRequestEvent: every current event of the caller (E1_1010). */
    OadrDistributeEventType requestEvent(OadrCaller caller, OadrRequestEventType request);

    /** oadrCreatedEvent: opt in/out per event; unknown eventID -> 452 for that event (E1_1030, E1_1080). */
    OadrResponseType createdEvent(OadrCaller caller, OadrCreatedEventType request);

    /** The poll-driven distribution: every current event of an authorised VEN (records the delivery). */
    OadrDistributeEventType distribution(String venId);

    /**
     * Whether the VEN has shown that it has its current distribution (issue #12 item 6): every current event that
     * asks for a response (responseRequired always) has its oadrCreatedEvent at the current modificationNumber.
     * False when no current event asks for one: 2.0b then gives the VEN no way to acknowledge.
     */
    default boolean distributionAcknowledged(String venId) {
        return false;
    }
}
