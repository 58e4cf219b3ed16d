package org.openvtn.device;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.openvtn.certs.identity.LogSafe;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.device.walk.CsipAus;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one device's subscriptions (IEEE 2030.5 §5.6.2): checks that a Notification comes from the
 * server the device talks to and is schema-valid, then tells the {@link Reaction} what to do about it: forget an
 * ended subscription, re-fetch the one resource it names (coalescing repeats), or walk the server.
 *
 * <p>{@link #receive} runs on a Netty I/O thread and only decides; the reactions hand the work to the device's worker.
 */
final class NotificationIntake {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationIntake.class);

    /** What the device does about an accepted Notification. */
    interface Reaction {
        /** The server ended subscription {@code subscriptionUri} (Notification.status 1..4). */
        void subscriptionEnded(String subscriptionUri, short status);

        /** Re-read {@code href}; called once for any number of notifications that arrive before {@link #take}. */
        void refetch(String href);

        /** Walk the server (the change cannot be served by a targeted re-fetch). */
        void walk();
    }

    private final SepHttpClient http;
    private final SepDeviceRuntime runtime;
    private final Reaction reaction;
    /** subscribedResources named by notifications whose re-fetch is queued (coalesces repeats). */
    private final Set<String> refetchPending = ConcurrentHashMap.newKeySet();
    /** The resource the latest notification for a subscribedResource carried (§5.6.2), until its re-fetch runs. */
    private final Map<String, Object> carried = new ConcurrentHashMap<>();

    NotificationIntake(SepHttpClient http, SepDeviceRuntime runtime, Reaction reaction) {
        this.http = http;
        this.runtime = runtime;
        this.reaction = reaction;
    }

    /**
     * Checks the caller and the document, then hands over (§5.6.2).
     *
     * @param closed true once the device is closing: the Notification is acknowledged but not acted on
     * @return the HTTP status to answer with
     */
    int receive(byte[] body, X509Certificate caller, boolean closed) {
        X509Certificate expected = http.serverCertificate();
        if (caller == null || expected == null || !caller.equals(expected)) {
            LOG.warn("notification refused: the caller {} is not the server this device talks to",
                    caller == null ? "(no certificate)" : LogSafe.text(caller.getSubjectX500Principal().getName()));
            return 403;
        }
        Notification n;
        try {
            // a Notification carries the resource's current form, which may use the CSIP-AUS 1.3 extensions (e.g. a
            // DERControlList with csipaus:opModExpLimW): validated against CSIP-AUS 1.3, then read as sep.xsd; the
            // modes themselves are read again by the re-fetch the Notification triggers
            byte[] sep = CsipAus.uses(body) ? runtime.csipAus().read("notification", body).sepDocument() : body;
            n = runtime.codec().decode(sep, Notification.class);
        } catch (XmlCodecException | SepDeviceException e) {
            LOG.warn("notification refused: not a schema-valid Notification: {}", LogSafe.text(e.getMessage()));
            return 400;
        }
        if (!closed) {
            dispatch(n);
        }
        return 201;
    }

    private void dispatch(Notification n) {
        short status = n.getStatus();
        if (status != 0) {
            // §5.6.2 Notification.status 1..4: the subscription was cancelled (resource moved, redefined or
            // deleted): subscribe again and read everything
            reaction.subscriptionEnded(n.getSubscriptionURI(), status);
            reaction.walk();
            return;
        }
        String resource = n.getSubscribedResource();
        String href = null;
        try {
            href = resource == null || resource.isEmpty() ? null : ResponsePoster.path(resource);
        } catch (IllegalArgumentException e) {
            LOG.debug("notification names no usable resource: {}", LogSafe.text(resource));
        }
        if (href == null) {
            reaction.walk();
            return;
        }
        if (n.getResource() != null) {
            carried.put(href, n.getResource());
        } else {
            carried.remove(href);
        }
        if (refetchPending.add(href)) {
            reaction.refetch(href);
        }
    }

    /**
     * Marks the re-fetch of {@code href} as started: later notifications for it ask for a new one.
     *
     * @return the resource the latest notification for it carried, or null when it carried none
     */
    Object take(String href) {
        refetchPending.remove(href);
        return carried.remove(href);
    }
}
