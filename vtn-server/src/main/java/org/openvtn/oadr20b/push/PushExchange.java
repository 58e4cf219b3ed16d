package org.openvtn.oadr20b.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.openvtn.core.PushOutboxService;
import org.openvtn.core.Registration;
import org.openvtn.oadr20b.security.OadrSignatures;
import org.openvtn.schemas.dsig.OadrSignatureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP exchange of {@link PushDispatcher} (OpenADR 2.0b push model, issue #14): signs the lane's head entry when
 * the VTN signs, POSTs it to the VEN's service URL over mutual TLS (non-blocking, on the client's threads), on a 404
 * tries the other service URL convention once, and decodes, validates and verifies a 2xx answer on the client thread
 * (in parallel, outside any database transaction). The finished exchange goes to the dispatcher to be recorded.
 */
final class PushExchange {
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);
    /** Pushed messages and answers, switchable alone (like the listener's wire logger). */
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.oadr20b.push");

    /** A finished exchange: the answer (parsed when 2xx) or the error. */
    record Done(PushLane lane, PushUrls.Form form, PushClient.Reply reply, String error, URI uri,
                PushAnswers.Parsed answer) {
        Done(PushLane lane, PushUrls.Form form, PushClient.Reply reply, String error, URI uri) {
            this(lane, form, reply, error, uri, null);
        }
    }

    private final PushConfig config;
    private final OadrSignatures signatures;
    private final PushClient client;
    private final PushAnswers answers;
    private final BooleanSupplier closed;
    private final Consumer<Done> finished;
    private final AtomicLong attempts = new AtomicLong();

    /**
     * @param closed   whether the dispatcher stopped (no second URL form is tried then)
     * @param finished gets every finished exchange, on a client thread
     */
    PushExchange(PushConfig config, OadrSignatures signatures, PushClient client, PushAnswers answers,
                 BooleanSupplier closed, Consumer<Done> finished) {
        this.config = config;
        this.signatures = signatures;
        this.client = client;
        this.answers = answers;
        this.closed = closed;
        this.finished = finished;
    }

    /** @return HTTP attempts started by this node */
    long attempts() {
        return attempts.get();
    }

    /** One delivery attempt of the lane's head entry (plus, on a 404, one try of the other URL convention). */
    void send(PushLane lane) {
        Registration reg = lane.reg;
        PushOutboxService.Entry head = lane.head;
        PushOutboxService.State state = lane.state;
        PushUrls.Form form = state.urlForm() == null ? config.urlForm() : PushUrls.Form.parse(state.urlForm());
        String service = PushUrls.serviceOf(head.kind());
        byte[] body;
        URI uri;
        try {
            body = head.payload().getBytes(StandardCharsets.UTF_8);
            if (signatures.signResponses()) {
                // the key of the certificate the pooled connection to this VEN presents (either key before the first)
                body = signatures.sign(body, client.localCertificate(reg.fingerprint()));
            }
            uri = PushUrls.serviceUri(reg.oadr().transportAddress(), form, service);
        } catch (IllegalArgumentException e) {
            done(new Done(lane, form, null, e.getMessage(), null));
            return;
        } catch (OadrSignatureException e) {
            done(new Done(lane, form, null, "cannot sign the push: " + e.getMessage(), null));
            return;
        }
        attempts.incrementAndGet();
        if (WIRE.isDebugEnabled()) {
            WIRE.debug("push -> {} {}\n{}", reg.participantId(), uri, new String(body, StandardCharsets.UTF_8));
        }
        byte[] payload = body;
        client.send(uri, reg.fingerprint(), payload, (reply, err) -> {
            if (err == null && reply.status() == 404 && config.detectUrlForm() && !closed.getAsBoolean()) {
                URI other = PushUrls.serviceUri(reg.oadr().transportAddress(), form.other(), service);
                attempts.incrementAndGet();
                client.send(other, reg.fingerprint(), payload, (second, err2) -> {
                    if (err2 != null) {
                        done(new Done(lane, form, null, err2.getMessage(), other));
                    } else if (second.status() != 404) {
                        LOG.info("push VEN {} answers on the {} service URL form; remembered", reg.participantId(),
                                form.other());
                        done(new Done(lane, form.other(), second, null, other));
                    } else {
                        done(new Done(lane, form, reply, null, uri));
                    }
                });
                return;
            }
            done(new Done(lane, form, reply, err == null ? null : err.getMessage(), uri));
        });
    }

    /** An exchange ended (on a client thread): a 2xx answer is parsed here, then the dispatcher records it. */
    private void done(Done exchange) {
        Done d = exchange;
        if (d.reply() != null && d.reply().status() >= 200 && d.reply().status() < 300) {
            // decoded, validated and verified here, in parallel on the client threads, not under the store lock
            Registration reg = d.lane().reg;
            PushAnswers.Parsed answer;
            try {
                answer = answers.parse(d.reply().body(), client.presented(reg.fingerprint()));
            } catch (RuntimeException e) {
                answer = new PushAnswers.Parsed(null, "answer unreadable: " + e);
            }
            d = new Done(d.lane(), d.form(), d.reply(), d.error(), d.uri(), answer);
        }
        if (d.reply() != null && WIRE.isDebugEnabled()) {
            WIRE.debug("push <- {} {}\n{}", d.lane().venId, d.reply().status(),
                    new String(d.reply().body(), StandardCharsets.UTF_8));
        }
        finished.accept(d);
    }
}
