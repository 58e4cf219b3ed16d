package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.sep.DeviceCategoryType;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.Error;
import org.openvtn.schemas.sep.Registration;

/**
 * EndDevice lifecycle (IEEE 2030.5-2018 EndDevice; docs/ieee-2030.5.md "EndDevice lifecycle"): the client PUTs its
 * EndDevice (deviceCategory kept; another sFDI or a change of the server's {@code enabled} refused with 400 reasonCode
 * 1), DELETE by the client is 405 with Allow; the operator rotates and clears the registration PIN (the Registration
 * follows, 404 once cleared) and disables the device (EndDevice {@code enabled} false, everything but DeviceCapability,
 * Time and the EndDevice 403) and enables it again.
 */
class SepEndDeviceLifecycleIT {
    @RegisterExtension
    static final SepAdminFixture.PerClass ADMIN = new SepAdminFixture.PerClass();

    /** A valid registration PIN: five digits and the §6.3.4 check digit. */
    private static String pin(int five) {
        return String.format("%05d%d", five, SepIdentity.checkDigit(five));
    }

    private static EndDevice put(Credential cred, long sfdi, Boolean enabled, byte[] category) {
        EndDevice e = new EndDevice();
        e.setLFDI(java.util.HexFormat.of().parseHex(SepIdentity.lfdi(cred.certificate())));
        org.openvtn.schemas.sep.SFDIType s = new org.openvtn.schemas.sep.SFDIType();
        s.setValue(sfdi);
        e.setSFDI(s);
        e.setChangedTime(new org.openvtn.schemas.sep.TimeType());
        e.setEnabled(enabled);
        if (category != null) {
            DeviceCategoryType t = new DeviceCategoryType();
            t.setValue(category);
            e.setDeviceCategory(t);
        }
        return e;
    }

    @Test
    void clientPutAndDeleteOperatorPinAndEnabled() throws Exception {
        SepAdminFixture admin = ADMIN.get();
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        long sfdi = SepIdentity.sfdi(cred.certificate());
        try (SepFixture.Client device = admin.fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            EndDevice before = device.get(edev).resource(EndDevice.class);
            assertEquals(Boolean.TRUE, before.isEnabled(), "enabled is always stated");

            byte[] category = {0x00, 0x02, 0x00, 0x00};
            assertEquals(204, device.send("PUT", edev, SepFixture.CODEC.encode(put(cred, sfdi, true, category)))
                    .status());
            assertArrayEquals(category, device.get(edev).resource(EndDevice.class).getDeviceCategory().getValue());
            SepFixture.Reply wrongSfdi = device.send("PUT", edev, SepFixture.CODEC.encode(put(cred, sfdi + 1, null,
                    null)));
            assertEquals(400, wrongSfdi.status());
            assertEquals(1, wrongSfdi.resource(Error.class).getReasonCode());
            assertEquals(400, device.send("PUT", edev, SepFixture.CODEC.encode(put(cred, sfdi, false, null)))
                    .status(), "enabled is the server's");
            SepFixture.Reply delete = device.send("DELETE", edev, null);
            assertEquals(405, delete.status());
            assertEquals("GET, HEAD, PUT", delete.header("Allow"));

            String base = "/sep/devices/" + lfdi;
            String first = pin(12345);
            assertEquals(200, admin.call("PUT", base + "/pin", "{\"pin\":\"" + first + "\"}").statusCode());
            String reg = device.get(edev).resource(EndDevice.class).getRegistrationLink().getHref();
            assertEquals(Long.parseLong(first), device.get(reg).resource(Registration.class).getPIN().getValue());
            String second = pin(54321);
            assertEquals(200, admin.call("PUT", base + "/pin", "{\"pin\":\"" + second + "\"}").statusCode());
            assertEquals(Long.parseLong(second), device.get(reg).resource(Registration.class).getPIN().getValue(), "rotated");
            HttpResponse<String> badPin = admin.call("PUT", base + "/pin", "{\"pin\":\"123456\"}");
            assertEquals("pin", SepAdminFixture.JSON.readTree(badPin.body()).path("field").asText(), badPin.body());
            assertEquals(200, admin.call("DELETE", base + "/pin", null).statusCode());
            assertNull(device.get(edev).resource(EndDevice.class).getRegistrationLink());
            assertEquals(404, device.get(reg).status());
            assertEquals(404, admin.call("DELETE", base + "/pin", null).statusCode());

            assertEquals(200, device.get(edev + "/fsa").status());
            HttpResponse<String> off = admin.call("PUT", base + "/enabled", "{\"enabled\":false}");
            assertEquals(200, off.statusCode(), off.body());
            assertFalse(SepAdminFixture.JSON.readTree(admin.call("GET", base + "/enabled", null).body()).path("enabled")
                    .asBoolean());
            assertEquals(Boolean.FALSE, device.get(edev).resource(EndDevice.class).isEnabled());
            assertEquals(200, device.get("/dcap").status());
            assertEquals(403, device.get(edev + "/fsa").status(), "a disabled device is no longer registered");
            assertEquals(403, device.get(edev + "/sub").status());
            assertEquals(200, admin.call("PUT", base + "/enabled", "{\"enabled\":true}").statusCode());
            assertEquals(200, device.get(edev + "/fsa").status());
            EndDevice after = device.get(edev).resource(EndDevice.class);
            assertTrue(after.isEnabled());
            assertNotNull(after.getDeviceCategory(), "the client's category survives the operator's changes");

            assertEquals(404, admin.call("PUT", "/sep/devices/" + "AB".repeat(20) + "/enabled", "{\"enabled\":false}")
                    .statusCode());
            assertEquals(400, admin.call("PUT", base + "/enabled", "{\"enabled\":\"no\"}").statusCode());
        }
    }
}
