package org.openvtn.device.engine;

import java.time.Instant;

/**
 * Where the engine's Responses go. The library posts a Response (DERControlResponse / DrResponse) to
 * {@code event.replyTo()}; the engine decides what to send and when (IEEE 2030.5-2018 Table 27 and
 * RespondableResource.responseRequired). Called on the thread that called
 * {@link EventEngine#update}, {@link EventEngine#tick}, {@link EventEngine#optOut} or
 * {@link EventEngine#communicationLost}; must not block for long.
 */
@FunctionalInterface
public interface ResponseSink {

    /**
     * Send one Response.
     *
     * @param event  the event it answers (subject = {@code event.mrid()})
     * @param status the Response status code (see {@link ResponseStatus})
     * @param at     when the status occurred (the Response's createdDateTime)
     */
    void send(EventView event, int status, Instant at);
}
