package org.openvtn.sep.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.sep.Resource;
import org.openvtn.sep.notify.HrefTemplate;
import org.openvtn.sep.notify.SepNotifier;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.SepControl;

/**
 * The encoded DERControlList and EndDeviceControlList pages (IEEE 2030.5-2018 §10.10, §10.3; CSIP GEN-*), once per
 * resource version instead of once per GET or Notification (issue #18). A page's encoding depends on the device
 * only through its {@code /edev/{id}/} hrefs ({@code ControlResources}); everything else it depends on is in the
 * {@link Key}: the list (kind, program, all or active) and the page itself, i.e. the controls as the service
 * computed them for this request (mRID, version, status and its time, interval, mode, value, ...: the
 * {@link SepControl} record) with the list's {@code all} and {@code results}.
 *
 * <p>So nothing needs invalidating: the controls are read and mapped per request as before (identity, ownership,
 * targeting and the database stay per request; on a shared database every node reads the current rows), and a
 * changed control is a different key. Only JAXB marshalling and outgoing validation are saved: the first body of a
 * key is the validating codec's output, later ones are that output with another device's number in the hrefs
 * ({@link HrefTemplate}). Bounded: the map is emptied when full.
 */
final class ListBodies {
    private static final int MAX_TEMPLATES = 512;

    private final SepCodec codec;
    private final Map<Key, HrefTemplate> templates = new ConcurrentHashMap<>();

    /**
     * Everything a control list page's body depends on besides the device id. Equality is the record's (every field
     * of every control); the hash is taken from the numbers only (kind, active, all, results, and each control's
     * version, status and status time), which equal keys share. The controls' strings are new objects on every
     * request, so hashing them re-ran String.hashCode over every mRID, program and event id of the page per GET:
     * 9 % of the request samples of a JFR profile of {@code bench sep --paths derc} (issue #18, session 9).
     */
    record Key(SepControl.Kind kind, String programId, boolean active, ListQuery.Page<SepControl> page) {
        @Override
        public int hashCode() {
            int h = 31 * kind.ordinal() + Boolean.hashCode(active);
            h = 31 * h + Long.hashCode(page.all());
            h = 31 * h + Long.hashCode(page.results());
            for (SepControl c : page.items()) {
                h = 31 * h + Long.hashCode(c.version());
                h = 31 * h + c.currentStatus();
                h = 31 * h + (c.statusTime() == null ? 0 : c.statusTime().hashCode());
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && kind == k.kind && active == k.active && java.util.Objects.equals(programId, k.programId)
                    && page.equals(k.page);
        }
    }

    ListBodies(SepCodec codec) {
        this.codec = codec;
    }

    /**
     * @param key      the page
     * @param deviceId the device whose list it is
     * @param resource builds the page's resource for that device (called only when needed)
     * @return a reply body the handler writes and the notifier can share
     */
    Body body(Key key, long deviceId, Supplier<Resource> resource) {
        return new Body(key, deviceId, resource);
    }

    /** A control list page for one device: its bytes from the template, its resource on demand. */
    final class Body implements SepNotifier.Rendered {
        private final Key key;
        private final long deviceId;
        private final Supplier<Resource> build;
        private Resource resource;

        private Body(Key key, long deviceId, Supplier<Resource> build) {
            this.key = key;
            this.deviceId = deviceId;
            this.build = build;
        }

        @Override
        public Resource resource() {
            if (resource == null) {
                resource = build.get();
            }
            return resource;
        }

        @Override
        public Object sharedKey() {
            return key;
        }

        @Override
        public boolean list() {
            return true;
        }

        /**
         * @return the encoded page
         * @throws XmlCodecException when the page is not valid against sep.xsd (nothing is cached or sent)
         */
        byte[] bytes() throws XmlCodecException {
            HrefTemplate t = templates.get(key);
            if (t != null) {
                return t.fill(deviceId, -1);
            }
            byte[] body = codec.encode(resource());
            if (templates.size() >= MAX_TEMPLATES) {
                templates.clear();
            }
            templates.put(key, HrefTemplate.cut(body, deviceId, -1));
            return body;
        }
    }
}
