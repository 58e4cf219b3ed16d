package org.openvtn.sep.notify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A body the validating codec encoded once, cut around the literal parts that name one device (and, for a
 * Notification, one subscription), so the same bytes serve another device by putting its numbers in their place
 * (issue #18: render once per resource version, not once per request or subscriber).
 *
 * <p>Why it cannot produce an invalid document: the bytes between the cuts are the codec's own validated output;
 * a cut is made only at the literal {@code /edev/{id}/} (the device's part of every 2030.5 href this server
 * writes, IEEE 2030.5-2018 §5.2 "Resource URIs"; {@link org.openvtn.sep.service.SepPaths}) and, optionally,
 * {@code /sub/{id}<} (the end of a Notification's {@code subscriptionURI} element). Both sit inside values the
 * schema types {@code xs:anyURI}, and a filled-in value is again {@code /edev/} or {@code /sub/} and decimal digits,
 * so the document keeps its structure and its validity. Which inputs a template stands for is its cache key's
 * business ({@link NotificationBodies}, {@code org.openvtn.sep.http.ListBodies}); {@code HrefTemplateTest} and
 * {@code ListBodiesTest} prove byte equality with the codec's direct output for other devices.
 */
public final class HrefTemplate {
    private static final String EDEV_TEXT = "/edev/";
    private static final byte[] EDEV = EDEV_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUB = "/sub/".getBytes(StandardCharsets.US_ASCII);

    private final byte[][] parts;
    /** Per cut: 0 = device id, 1 = subscription id. */
    private final byte[] slots;

    private HrefTemplate(byte[][] parts, byte[] slots) {
        this.parts = parts;
        this.slots = slots;
    }

    /**
     * Cuts {@code body} at every {@code /edev/{device}/} and, when {@code subscription >= 0}, every
     * {@code /sub/{subscription}<}.
     *
     * @param body         the codec's output for {@code device} (and {@code subscription})
     * @param device       the device id the body was rendered for
     * @param subscription the subscription id, or -1 for none
     * @return the template
     */
    public static HrefTemplate cut(byte[] body, long device, long subscription) {
        byte[] d = (EDEV_TEXT + device + "/").getBytes(StandardCharsets.US_ASCII);
        byte[] s = subscription < 0 ? null : ("/sub/" + subscription + "<").getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = new ArrayList<>();
        ByteArrayOutputStream slots = new ByteArrayOutputStream();
        int from = 0;
        int i = 0;
        while (i < body.length) {
            if (at(body, i, d)) {
                parts.add(java.util.Arrays.copyOfRange(body, from, i + EDEV.length));
                slots.write(0);
                i += d.length - 1; // the slash after the id stays in the next part
                from = i;
            } else if (s != null && at(body, i, s)) {
                parts.add(java.util.Arrays.copyOfRange(body, from, i + SUB.length));
                slots.write(1);
                i += s.length - 1; // the '<' stays in the next part
                from = i;
            } else {
                i++;
            }
        }
        parts.add(java.util.Arrays.copyOfRange(body, from, body.length));
        return new HrefTemplate(parts.toArray(new byte[0][]), slots.toByteArray());
    }

    private static boolean at(byte[] body, int i, byte[] literal) {
        if (i + literal.length > body.length) {
            return false;
        }
        for (int k = 0; k < literal.length; k++) {
            if (body[i + k] != literal[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param device       the device whose numbers go into the hrefs
     * @param subscription the subscription id (ignored when the template has no subscription cut)
     * @return the body for that device
     */
    public byte[] fill(long device, long subscription) {
        byte[] d = Long.toString(device).getBytes(StandardCharsets.US_ASCII);
        byte[] s = Long.toString(subscription).getBytes(StandardCharsets.US_ASCII);
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        for (byte slot : slots) {
            size += slot == 0 ? d.length : s.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (int k = 0; k < parts.length; k++) {
            System.arraycopy(parts[k], 0, out, at, parts[k].length);
            at += parts[k].length;
            if (k < slots.length) {
                byte[] v = slots[k] == 0 ? d : s;
                System.arraycopy(v, 0, out, at, v.length);
                at += v.length;
            }
        }
        return out;
    }

    /** @return how many device cuts the template has (tests) */
    int deviceCuts() {
        int n = 0;
        for (byte slot : slots) {
            n += slot == 0 ? 1 : 0;
        }
        return n;
    }
}
