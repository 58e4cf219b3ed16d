package org.openvtn.sep.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.service.ControlResources;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Issue #18: a DERControlList / EndDeviceControlList page is encoded once per version and shared between devices
 * ({@link ListBodies}). Protects IEEE 2030.5-2018 §10.10 / §10.3 list bodies (CSIP GEN-*): whatever the cache
 * serves is byte for byte what the validating codec encodes for that device and page.
 */
class ListBodiesTest {
    private static final SepCodec CODEC = SepCodec.create(new PublishedSchemas());
    private static final ControlResources CONTROLS = new ControlResources(900, (short) 1);
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    static List<SepControl> controls(SepControl.Kind kind, int n, long version) {
        List<SepControl> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SepControl.Mode mode = kind == SepControl.Kind.DER_CONTROL
                    ? (i % 2 == 0 ? SepControl.Mode.OP_MOD_MAX_LIM_W : SepControl.Mode.OP_MOD_TARGET_W)
                    : SepControl.Mode.DUTY_CYCLE;
            out.add(SepControl.single(kind, "prog-1", "ev-1", "ev-1#" + i, version, T0, T0.plusSeconds(3600L * i),
                    Duration.ofHours(1), (short) (i == 0 ? 1 : 0), T0, mode, 50 + i, 0, 0, -1));
        }
        return out;
    }

    private static SepEndDevice device(long id) {
        return new SepEndDevice(id, "lfdi-" + id, id, T0, null, null, null);
    }

    private static ListQuery.Page<SepControl> page(List<SepControl> all, int limit) {
        return ListQuery.parse(Map.of("l", Integer.toString(limit))).page(all, c -> c.start().getEpochSecond());
    }

    private static byte[] direct(SepControl.Kind kind, long device, ListQuery.Page<SepControl> page) throws Exception {
        SepEndDevice d = device(device);
        return CODEC.encode(kind == SepControl.Kind.DER_CONTROL
                ? CONTROLS.derControlList(SepPaths.dercList(device, "prog-1"), d, page)
                : CONTROLS.endDeviceControlList(SepPaths.edcList(device, "prog-1"), d, page));
    }

    private static byte[] cached(ListBodies bodies, SepControl.Kind kind, long device, ListQuery.Page<SepControl> page)
            throws Exception {
        SepEndDevice d = device(device);
        return bodies.body(new ListBodies.Key(kind, "prog-1", false, page), device,
                () -> kind == SepControl.Kind.DER_CONTROL
                        ? CONTROLS.derControlList(SepPaths.dercList(device, "prog-1"), d, page)
                        : CONTROLS.endDeviceControlList(SepPaths.edcList(device, "prog-1"), d, page)).bytes();
    }

    /** The first device fills the cache; other devices (ids of other lengths, ids that prefix it) get equal bytes. */
    @Test
    void sharedPagesEqualTheCodecsOutputForEveryDevice() throws Exception {
        ListBodies bodies = new ListBodies(CODEC);
        for (SepControl.Kind kind : List.of(SepControl.Kind.DER_CONTROL, SepControl.Kind.END_DEVICE_CONTROL)) {
            for (int n : new int[] {0, 1, 24}) {
                ListQuery.Page<SepControl> page = page(controls(kind, n, 1), 24);
                for (long device : new long[] {12, 1, 120, 2, 999_999_999_999_999_999L, 12}) {
                    assertArrayEquals(direct(kind, device, page), cached(bodies, kind, device, page),
                            kind + " " + n + " controls, device " + device);
                }
            }
        }
    }

    /** A changed control (new version, new status) or another page is another key: never the old bytes. */
    @Test
    void aChangedListIsRenderedAgain() throws Exception {
        ListBodies bodies = new ListBodies(CODEC);
        SepControl.Kind kind = SepControl.Kind.DER_CONTROL;
        byte[] v1 = cached(bodies, kind, 5, page(controls(kind, 3, 1), 24));
        ListQuery.Page<SepControl> v2 = page(controls(kind, 3, 2), 24);
        byte[] second = cached(bodies, kind, 6, v2);
        assertArrayEquals(direct(kind, 6, v2), second);
        assertFalse(new String(second, StandardCharsets.UTF_8).contains("/edev/5/"));
        assertFalse(java.util.Arrays.equals(v1, cached(bodies, kind, 5, v2)));
        ListQuery.Page<SepControl> firstTwo = page(controls(kind, 3, 2), 2);
        assertArrayEquals(direct(kind, 5, firstTwo), cached(bodies, kind, 5, firstTwo));
    }

    /**
     * The key's hash covers only its numbers (issue #18, session 9): a control that differs in nothing the hash sees
     * (same version, status and status time; another value, another mRID) is still another key, never the old bytes.
     */
    @Test
    void aControlDifferingOnlyOutsideTheHashIsRenderedAgain() throws Exception {
        ListBodies bodies = new ListBodies(CODEC);
        SepControl.Kind kind = SepControl.Kind.DER_CONTROL;
        List<SepControl> before = controls(kind, 2, 1);
        List<SepControl> after = new ArrayList<>(before);
        SepControl c = before.get(1);
        after.set(1, SepControl.single(kind, "prog-1", "ev-2", "ev-2#1", c.version(), T0, c.start(), c.duration(),
                c.currentStatus(), c.statusTime(), c.mode(), 77, 0, 0, -1));
        ListQuery.Page<SepControl> p1 = page(before, 24);
        ListQuery.Page<SepControl> p2 = page(after, 24);
        ListBodies.Key k1 = new ListBodies.Key(kind, "prog-1", false, p1);
        ListBodies.Key k2 = new ListBodies.Key(kind, "prog-1", false, p2);
        org.junit.jupiter.api.Assertions.assertEquals(k1.hashCode(), k2.hashCode(), "the case this test is about");
        org.junit.jupiter.api.Assertions.assertNotEquals(k1, k2);
        org.junit.jupiter.api.Assertions.assertEquals(k1, new ListBodies.Key(kind, new String("prog-1"), false,
                page(controls(kind, 2, 1), 24)), "equal content, new objects: equal keys");
        cached(bodies, kind, 5, p1);
        assertArrayEquals(direct(kind, 5, p2), cached(bodies, kind, 5, p2));
    }
}
