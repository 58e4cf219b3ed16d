package org.openvtn.ven.transport;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one OpenADR 2.0b simple-HTTP request, {@code POST {base}/OpenADR2/Simple/2.0b/{service}},
 * with retries as configured, and completes with the VTN's reply. Fails with a
 * {@link org.openvtn.ven.VenException} of kind TRANSPORT once the retries are spent. Internal.
 */
public interface OadrTransport extends AutoCloseable {

    /** Posts an oadrPayload document to a service endpoint (EiRegisterParty, EiEvent, EiReport, EiOpt, OadrPoll). */
    CompletableFuture<HttpReply> post(String service, byte[] body);

    @Override
    void close();
}
