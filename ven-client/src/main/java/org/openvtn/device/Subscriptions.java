package org.openvtn.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openvtn.certs.identity.LogSafe;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.device.walk.SepFetcher;
import org.openvtn.schemas.sep.Subscription;
import org.openvtn.schemas.sep.SubscriptionList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's subscriptions (IEEE 2030.5-2018 §5.6.1): one per subscribable resource the walk read, all to one
 * notificationURI. {@link #reconcile} reads the server's SubscriptionList when asked to verify (a server that lost
 * them after a restart, or ended them), forgets those that are gone and POSTs the missing ones. Internal; confined
 * to the worker thread.
 */
final class Subscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);
    /** Items a list notification carries (the client re-reads the list anyway). */
    private static final long LIMIT = 1;

    private final SepFetcher fetch;
    private final String notificationUri;
    /** subscribedResource -> the Subscription's href on the server. */
    private final Map<String, String> byResource = new HashMap<>();

    Subscriptions(SepFetcher fetch, String notificationUri) {
        this.fetch = fetch;
        this.notificationUri = notificationUri;
    }

    int size() {
        return byResource.size();
    }

    /** A Notification said the subscription ended (status 1..4): subscribe again on the next reconcile. */
    void forget(String subscriptionUri) {
        if (subscriptionUri != null) {
            String path = ResponsePoster.path(subscriptionUri);
            byResource.values().removeIf(path::equals);
        }
    }

    /**
     * @param listHref     the EndDevice's SubscriptionList
     * @param resources    the subscribable resources to hold subscriptions for
     * @param verify       read the server's list first and drop what it no longer holds
     * @return true when every resource has a subscription
     */
    boolean reconcile(String listHref, List<String> resources, boolean verify) {
        try {
            if (verify) {
                Map<String, String> held = new HashMap<>();
                for (Subscription s : fetch.all(listHref, SubscriptionList.class, SubscriptionList::getSubscription,
                        SubscriptionList::getAll)) {
                    if (notificationUri.equals(s.getNotificationURI()) && s.getHref() != null) {
                        held.put(s.getSubscribedResource(), s.getHref());
                    }
                }
                if (!held.keySet().containsAll(byResource.keySet())) {
                    LOG.info("server holds {} of this device's {} subscriptions; subscribing again", held.size(),
                            byResource.size());
                }
                byResource.clear();
                byResource.putAll(held);
            }
            byResource.keySet().retainAll(resources);
            boolean all = true;
            for (String r : resources) {
                if (!byResource.containsKey(r)) {
                    all &= subscribe(listHref, r);
                }
            }
            return all;
        } catch (SepDeviceException e) {
            LOG.warn("subscriptions at {} cannot be checked: {}", LogSafe.text(listHref), e.getMessage());
            return false;
        }
    }

    private boolean subscribe(String listHref, String resource) throws SepDeviceException {
        Subscription s = new Subscription();
        s.setSubscribedResource(resource);
        s.setEncoding((short) 0); // application/sep+xml
        s.setLevel("+S1");
        s.setLimit(LIMIT);
        s.setNotificationURI(notificationUri);
        SepHttpClient.Reply r = fetch.post(listHref, s);
        if ((r.status() == 201 || r.status() == 200 || r.status() == 204) && r.location() != null) {
            byResource.put(resource, ResponsePoster.path(r.location()));
            return true;
        }
        LOG.warn("server refused a subscription to {}: HTTP {}; that resource is polled", LogSafe.text(resource),
                r.status());
        return false;
    }
}
