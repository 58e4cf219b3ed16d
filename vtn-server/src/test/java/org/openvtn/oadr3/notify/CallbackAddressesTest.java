package org.openvtn.oadr3.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.openvtn.oadr3.service.Oadr3Exception;

/**
 * 3.1 Definition "Webhooks", "Additional guidelines": "Check for private IPs and reserved IPs" (SSRF). Callback
 * hosts resolving to loopback, private, link-local, shared, benchmarking, documentation or unique-local addresses
 * are refused with 400 unless the operator allows them; public addresses pass. Literal addresses only (no DNS).
 */
class CallbackAddressesTest {

    @Test
    void privateAndReservedAddressesAreNotPublic() throws Exception {
        for (String a : new String[] {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3",
                "198.18.0.1", "192.0.2.10", "198.51.100.7", "203.0.113.9", "192.0.0.8", "224.0.0.1",
                "255.255.255.255", "::1", "::", "fd00::1", "fc00::1", "fe80::1", "2001:db8::1", "::ffff:10.0.0.1"}) {
            assertFalse(CallbackAddresses.isPublic(InetAddress.getByName(a)), a);
        }
        for (String a : new String[] {"8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700::1111",
                "2a00:1450:4001::1"}) {
            assertTrue(CallbackAddresses.isPublic(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void senderRefusesPrivateCallbacksUnlessAllowed() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            WebhookSender strict = new WebhookSender(Oadr3NotifierConfig.defaults(), pool);
            for (String url : new String[] {"https://127.0.0.1:8443/cb", "https://[::1]/cb", "https://10.0.0.5/cb",
                    "https://169.254.169.254/latest/meta-data"}) {
                Oadr3Exception e = assertThrows(Oadr3Exception.class, () -> strict.checkUrl(url), url);
                assertEquals(400, e.status());
                assertTrue(e.getMessage().contains("private or reserved") && e.getMessage().contains(
                        "allowPrivateAddresses"), e.getMessage());
            }
            assertEquals("8.8.8.8", strict.checkUrl("https://8.8.8.8/cb").getHost());
            WebhookSender lax = new WebhookSender(Oadr3NotifierConfig.defaults().withPrivateCallbacks(true), pool);
            assertEquals("127.0.0.1", lax.checkUrl("https://127.0.0.1:8443/cb").getHost());
            // https is still required
            assertThrows(Oadr3Exception.class, () -> lax.checkUrl("http://10.0.0.5/cb"));
        } finally {
            pool.shutdownNow();
        }
    }
}
