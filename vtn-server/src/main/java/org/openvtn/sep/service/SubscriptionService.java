package org.openvtn.sep.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openvtn.schemas.sep.Subscription;
import org.openvtn.sep.store.JdbcSubscriptionStore;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepSubscription;

/**
 * Subscription function set rules (IEEE 2030.5-2018 §5.6 Subscription/Notification mechanism;
 * CSIP CORE-018/019): a client subscribes to resources of its own EndDevice that are marked
 * {@code subscribable="1"}; subscriptions are stored durably.
 *
 * <p>Interpretations (docs/ieee-2030.5.md): only {@code encoding} 0 (application/sep+xml) is
 * supported; a {@code Condition} (conditional subscription) is accepted only on a resource marked
 * {@code subscribable="3"} (the Reading of a MeterReading, {@code /upt/{u}/mr/{m}/r}, see
 * {@link ReadingConditions}), with attributeIdentifier 0 and lowerThreshold &lt;= upperThreshold; the
 * notificationURI must be an absolute {@code https} URI whose host the {@link NotificationUriRule} allows (no
 * loopback or private address in production); a POST repeating an existing subscription (same resource,
 * notificationURI and Condition) creates nothing and
 * points at the existing one; at most {@link #MAX_PER_DEVICE} subscriptions per EndDevice
 * (400 reasonCode 2, resource limit reached).
 */
public final class SubscriptionService {
    /** Subscriptions one EndDevice may hold. */
    public static final int MAX_PER_DEVICE = 32;

    /** Paths below {@code /edev/{e}} that are subscribable (non-conditional). */
    private static final Pattern SUBSCRIBABLE = Pattern.compile("/edev/(\\d{1,18})(|/fsa|/fsa/[A-Za-z0-9_.~-]{1,64}/"
            + "(derp|drp)|/(derp|drp)/[A-Za-z0-9_.~-]{1,64}/(derc|actderc|dderc|edc|actedc)"
            // Pricing (§10.5): TimeTariffIntervalList, ActiveTimeTariffIntervalList, CSIP-AUS combined list
            + "|/tp/[A-Za-z0-9_.~-]{1,64}/(rc/\\d{1,6}/(tti|acttti)|ctti)"
            // Messaging (§10.6): TextMessageList, ActiveTextMessageList
            + "|/msg/[A-Za-z0-9_.~-]{1,64}/(txt|acttxt)"
            // Flow Reservation (§10.9): FlowReservationResponseList
            + "|/frp)");

    /**
     * The Reading of a MeterReading served from mirrored data ({@code subscribable="3"}: conditional and
     * non-conditional subscriptions); outside {@code /edev/{e}}, so its owner is checked by rendering it for the
     * device.
     */
    private static final Pattern READING = Pattern.compile(SepPaths.UPT + "/\\d{1,18}/mr/\\d{1,18}/r");

    /** Checks that a subscribable path currently resolves for the device (render returns a resource). */
    public interface Resolver {
        boolean exists(SepEndDevice device, String path);
    }

    private final JdbcSubscriptionStore store;
    private final Clock clock;
    private final NotificationUriRule targets;

    /**
     * @param store   durable subscriptions
     * @param clock   creation time
     * @param targets which hosts a notificationURI may name (issue #12 item 10)
     */
    public SubscriptionService(JdbcSubscriptionStore store, Clock clock, NotificationUriRule targets) {
        this.store = store;
        this.clock = clock;
        this.targets = targets;
    }

    /** Outcome of a POST: the subscription and whether it was created now. */
    public record Created(SepSubscription subscription, boolean created) {
    }

    /**
     * @param path a subscribedResource path
     * @return true when the path is of a subscribable resource kind
     */
    public static boolean subscribable(String path) {
        return SepPaths.EDEV.equals(path) || SUBSCRIBABLE.matcher(path).matches() || conditional(path);
    }

    /**
     * @param path a subscribedResource path
     * @return true when the resource supports conditional subscriptions ({@code subscribable} 2 or 3)
     */
    public static boolean conditional(String path) {
        return READING.matcher(path).matches();
    }

    /**
     * POST Subscription to {@code /edev/{e}/sub}.
     *
     * @param device   the caller's EndDevice (already authorised)
     * @param s        the decoded, schema-valid Subscription
     * @param resolver existence check of the subscribed resource
     * @return the stored subscription
     * @throws SepException 400 reasonCode 1 for a resource that is not the device's, not subscribable
     *                      or unknown, an unsupported encoding, a Condition, a non-https notificationURI;
     *                      400 reasonCode 2 when the device holds {@link #MAX_PER_DEVICE} subscriptions
     */
    public Created subscribe(SepEndDevice device, Subscription s, Resolver resolver) {
        String path = validated(device, s, resolver);
        String uri = notificationUri(s.getNotificationURI());
        SepSubscription.Condition condition = ReadingConditions.of(s.getCondition());
        return store.inTransaction(() -> {
            store.lockDevice(device.id()); // several nodes: the same subscription and the quota decided once
            List<SepSubscription> existing = store.byDevice(device.id());
            Optional<SepSubscription> same = existing.stream().filter(x -> same(x, path, uri, condition)).findFirst();
            if (same.isPresent()) {
                return new Created(same.get(), false);
            }
            if (existing.size() >= MAX_PER_DEVICE) {
                throw SepException.badRequest(SepException.RESOURCE_LIMIT, "EndDevice " + device.id() + " holds "
                        + MAX_PER_DEVICE + " subscriptions");
            }
            return new Created(store.insert(device.id(), path, s.getEncoding(), s.getLevel(), s.getLimit(), uri,
                    condition, clock.instant()), true);
        });
    }

    /**
     * PUT {@code /edev/{e}/sub/{id}} (IEEE 2030.5-2018 Subscription resource, GET/HEAD/PUT/DELETE; CSIP-AUS
     * S-ALL-26): replaces level, limit and notificationURI of an existing subscription, keeping its identity
     * (href, subscribed resource, delivery counters and queued notifications).
     *
     * <p>Interpretation (docs/ieee-2030.5.md): the body is validated as for a POST; its subscribedResource must
     * be the one already subscribed (a subscription to another resource is a new subscription: POST it), and
     * the result must not duplicate another subscription of the device (same resource and notificationURI).
     *
     * @param device   the caller's EndDevice (already authorised)
     * @param id       the subscription index
     * @param s        the decoded, schema-valid Subscription
     * @param resolver existence check of the subscribed resource
     * @return the updated subscription
     * @throws SepException 404 when unknown or another device's; 400 reasonCode 1 as for {@link #subscribe}, for a
     *                      changed subscribedResource, or for a result duplicating another subscription
     */
    public SepSubscription update(SepEndDevice device, long id, Subscription s, Resolver resolver) {
        SepSubscription current = get(device, id);
        String path = validated(device, s, resolver);
        if (!path.equals(current.subscribedResource())) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "subscribedResource " + path
                    + " differs from the subscribed " + current.subscribedResource() + " (POST a new subscription)");
        }
        String uri = notificationUri(s.getNotificationURI());
        SepSubscription.Condition condition = ReadingConditions.of(s.getCondition());
        boolean duplicate = store.byDevice(device.id()).stream()
                .anyMatch(x -> x.id() != id && same(x, path, uri, condition));
        if (duplicate) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "another subscription of EndDevice "
                    + device.id() + " already sends " + path + " to " + uri);
        }
        return store.update(id, s.getLevel(), s.getLimit(), uri, condition)
                .orElseThrow(() -> SepException.notFound("subscription " + id));
    }

    /** The same subscription again: resource, notificationURI and Condition. */
    private static boolean same(SepSubscription x, String path, String uri, SepSubscription.Condition condition) {
        return x.subscribedResource().equals(path) && x.notificationUri().equals(uri)
                && java.util.Objects.equals(x.condition(), condition);
    }

    private String validated(SepEndDevice device, Subscription s, Resolver resolver) {
        String path = localPath(s.getSubscribedResource());
        var m = SUBSCRIBABLE.matcher(path);
        // the EndDeviceList (CSIP-AUS S-ALL-25) is subscribable outside /edev/{e}: a client's view of it holds only
        // its own EndDevice, so its subscription is the device's like the others. The Readings below /upt are the
        // device's (or its aggregator's site's) when the resolver renders them for the device.
        boolean outside = SepPaths.EDEV.equals(path) || conditional(path);
        if (!outside && (!m.matches() || Long.parseLong(m.group(1)) != device.id())) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "subscribedResource " + path
                    + " is not a subscribable resource of EndDevice " + device.id());
        }
        if (s.getEncoding() != 0) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "encoding " + s.getEncoding()
                    + " not supported (0 = application/sep+xml only)");
        }
        if (s.getCondition() != null) {
            ReadingConditions.check(path, s.getCondition());
        }
        notificationUri(s.getNotificationURI());
        if (!resolver.exists(device, path)) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "subscribedResource " + path + " does not exist");
        }
        return path;
    }

    /** @return the device's subscriptions (SubscriptionList order: id ascending) */
    public List<SepSubscription> list(SepEndDevice device) {
        return store.byDevice(device.id());
    }

    /**
     * @return the device's subscription
     * @throws SepException 404 when unknown or another device's
     */
    public SepSubscription get(SepEndDevice device, long id) {
        return store.find(id).filter(x -> x.deviceId() == device.id())
                .orElseThrow(() -> SepException.notFound("subscription " + id));
    }

    /**
     * DELETE {@code /edev/{e}/sub/{id}}: removes the subscription and its undelivered notifications.
     *
     * @throws SepException 404 when unknown or another device's
     */
    public SepSubscription delete(SepEndDevice device, long id) {
        SepSubscription s = get(device, id);
        store.delete(id);
        return s;
    }

    /** Accepts a path, or an absolute URI whose path is used (the server's own host is not checked). */
    static String localPath(String subscribedResource) {
        if (subscribedResource.startsWith("/")) {
            return subscribedResource;
        }
        try {
            URI u = new URI(subscribedResource);
            return u.getRawPath() == null ? "" : u.getRawPath();
        } catch (URISyntaxException e) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "subscribedResource is not a URI");
        }
    }

    private String notificationUri(String value) {
        try {
            URI u = new URI(value.strip());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            boolean plainOk = "http".equals(scheme) && u.getHost() != null && targets.plainHttpAllowed(u.getHost());
            if (!"https".equals(scheme) && !plainOk || u.getHost() == null) {
                throw SepException.badRequest(SepException.INVALID_VALUES, "notificationURI must be an absolute "
                        + "https URI");
            }
            String refused = targets.refusal(u.getHost());
            if (refused != null) {
                throw SepException.badRequest(SepException.INVALID_VALUES, refused);
            }
            return u.toString();
        } catch (URISyntaxException e) {
            throw SepException.badRequest(SepException.INVALID_VALUES, "notificationURI is not a URI");
        }
    }
}
