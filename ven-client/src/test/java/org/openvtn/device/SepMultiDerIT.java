package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openvtn.device.SepDeviceDataIT.caller;
import static org.openvtn.device.SepDeviceDataIT.get;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.Test;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.schemas.sep.DER;
import org.openvtn.schemas.sep.DERCapability;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERSettings;
import org.openvtn.schemas.sep.DERStatus;
import org.openvtn.schemas.sep.EndDevice;

/**
 * Several DERs behind one EndDevice against OpenVTN's own 2030.5 server (mutual TLS, CCM_8, Derby; CSIP-AUS
 * MUL-01..03, IEEE 2030.5-2018 §10.10.4.1): the server lists two DERs under the EndDevice, the client PUTs each DER's
 * DERCapability, DERSettings and DERStatus to that DER's own links (found by walking the DERList one entry per page)
 * and the server keeps them apart.
 */
class SepMultiDerIT {

    private static DeviceData der(int type, long maxW) {
        return DeviceData.builder().ratings(new DeviceData.Ratings(type, 0x0001_C100, maxW, maxW, null, null, null,
                null)).settings(new DeviceData.Settings(0x0000_C000, maxW, null, null, 1_000)).build();
    }

    @Test
    void eachDerReportsToItsOwnLinks() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900, 2);
             SepDeviceClient c = SepDeviceClient.builder().server(s.dcapUrl())
                     .tlsConfig(SepTestServer.PKI.sepClientConfig(SepTestServer.PKI.device()).build())
                     .listPageSize(1).ders(List.of(der(4, 5_000), der(80, 3_000))).build()) {
            c.start();
            assertEquals(2, c.derCount());
            Map<String, String> sent = c.reportDeviceData();
            c.reportDerStatus(0, new DerStatusReport(1, 2, null, null));
            c.reportDerStatus(1, new DerStatusReport(1, 1, null, null));
            NioEventLoopGroup io = new NioEventLoopGroup(1);
            try (SepHttpClient device = caller(io, URI.create("https://127.0.0.1:" + s.port()))) {
                EndDevice self = get(device, c.endDeviceHref().orElseThrow(), EndDevice.class);
                assertEquals(2, self.getDERListLink().getAll(), "the DERListLink says how many");
                DERList list = get(device, self.getDERListLink().getHref() + "?l=10", DERList.class);
                assertEquals(2, list.getAll());
                List<DER> ders = list.getDER();
                assertEquals(2, ders.size());
                long[] maxW = {5_000, 3_000};
                int[] type = {4, 80};
                int[] mode = {2, 1};
                for (int i = 0; i < 2; i++) {
                    DER d = ders.get(i);
                    String suffix = i == 0 ? "" : "#2";
                    assertEquals(d.getDERCapabilityLink().getHref(), sent.get("DERCapability" + suffix));
                    DERCapability cap = get(device, d.getDERCapabilityLink().getHref(), DERCapability.class);
                    assertEquals(type[i], cap.getType().getValue(), "DER " + (i + 1));
                    assertEquals(maxW[i], cap.getRtgMaxW().getValue());
                    assertEquals(maxW[i], get(device, d.getDERSettingsLink().getHref(), DERSettings.class)
                            .getSetMaxW().getValue());
                    assertEquals(mode[i], get(device, d.getDERStatusLink().getHref(), DERStatus.class)
                            .getOperationalModeStatus().getValue());
                }
            } finally {
                io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }
}
