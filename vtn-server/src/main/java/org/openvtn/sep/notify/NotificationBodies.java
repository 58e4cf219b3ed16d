package org.openvtn.sep.notify;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.Notification;
import org.openvtn.schemas.sep.Resource;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.store.SepSubscription;

/**
 * Encodes the Notification bodies of IEEE 2030.5-2018 §5.6 (CSIP CORE-018/019), once per resource version and
 * subscriber-independent part (issue #18). A Notification carries {@code subscribedResource},
 * the resource (for a list, at most the subscription's {@code limit} entries), {@code status} and
 * {@code subscriptionURI}. When the renderer says the resource is shared ({@link SepNotifier.Rendered#sharedKey}:
 * its encoding differs between devices only in their {@code /edev/{id}/} hrefs, and the key stands for every other
 * input), the first subscriber's validated body becomes an {@link HrefTemplate} and the others get it with their
 * device and subscription numbers; everything else is encoded per subscriber as before.
 *
 * <p>The templates are keyed by the renderer's key, not by time or a change counter, so a node of a shared
 * database never reuses a body another node has changed: a changed resource is a different key. Producer thread
 * only; bounded.
 */
final class NotificationBodies {
    private static final int MAX_TEMPLATES = 1024;

    private final SepCodec codec;
    private final Map<Key, HrefTemplate> templates = new ConcurrentHashMap<>();

    /** Everything a shared Notification body depends on besides the device and subscription numbers. */
    private record Key(Object resource, String rest, boolean withResource) {
    }

    NotificationBodies(SepCodec codec) {
        this.codec = codec;
    }

    /**
     * @param s        the subscription
     * @param rendered the subscribed resource as its device would GET it, empty when it is gone (status 4)
     * @return the encoded, validated Notification
     * @throws XmlCodecException when the Notification is not valid against sep.xsd (nothing is sent)
     */
    byte[] encode(SepSubscription s, Optional<SepNotifier.Rendered> rendered) throws XmlCodecException {
        if (rendered.isEmpty()) {
            return codec.encode(notification(s, null, (short) 4));
        }
        SepNotifier.Rendered r = rendered.get();
        boolean withResource = s.limit() > 0 || r.list();
        String device = SepPaths.edev(s.deviceId()) + "/";
        if (r.sharedKey() == null || !s.subscribedResource().startsWith(device)) {
            return codec.encode(notification(s, withResource ? r.resource() : null, (short) 0));
        }
        Key key = new Key(r.sharedKey(), s.subscribedResource().substring(device.length()), withResource);
        HrefTemplate t = templates.get(key);
        if (t != null) {
            return t.fill(s.deviceId(), s.id());
        }
        byte[] body = codec.encode(notification(s, withResource ? r.resource() : null, (short) 0));
        if (templates.size() >= MAX_TEMPLATES) {
            templates.clear();
        }
        templates.put(key, HrefTemplate.cut(body, s.deviceId(), s.id()));
        return body;
    }

    private static Notification notification(SepSubscription s, Resource resource, short status) {
        Notification n = new Notification();
        n.setSubscribedResource(s.subscribedResource());
        n.setSubscriptionURI(SepPaths.sub(s.deviceId(), s.id()));
        n.setStatus(status);
        n.setResource(resource);
        return n;
    }
}
