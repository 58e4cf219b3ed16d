package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.MeterReading;
import org.openvtn.schemas.sep.MeterReadingList;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.MirrorReadingSet;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.ReadingList;
import org.openvtn.schemas.sep.ReadingSet;
import org.openvtn.schemas.sep.ReadingSetList;

/**
 * Metering read-back of mirrored values over real mutual TLS (IEEE 2030.5-2018 Metering / Metering Mirror function
 * sets, Annex C Table C.15 steps 8-20; list rules §6.1.2, CSIP CORE-004; CSIP-AUS S-ALL-05 isolation): the Table
 * C.15 MirrorUsagePoint and MirrorMeterReading vectors are POSTed, then their Reading and ReadingSets are read back
 * under {@code /upt/{n}/mr/{m}} with {@code all}/{@code results}, hrefs and s/l/a paging. Every body the test
 * receives is validated against sep.xsd ({@code SepFixture.Reply.resource}).
 */
class SepMeteringIT {
    private static final Path VECTORS = Path.of("..", "..", "shared", "vectors", "ieee-2030.5", "valid");

    private SepFixture fx;
    private Credential cred;
    private SepFixture.Client device;
    private SepFixture.Client other;

    @BeforeEach
    void start() throws Exception {
        fx = new SepFixture();
        cred = SepFixture.PKI.device();
        device = fx.client(cred);
        other = fx.client(SepFixture.PKI.deviceViaMca());
        SepServerIT.register(device, cred);
        SepServerIT.register(other, SepFixture.PKI.deviceViaMca());
    }

    @AfterEach
    void stop() throws Exception {
        device.close();
        other.close();
        fx.close();
    }

    /** @return a file of ../shared/vectors/ieee-2030.5/valid */
    static byte[] vector(String name) throws Exception {
        Path p = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/vectors/ieee-2030.5/valid")
                .resolve(name);
        return Files.readAllBytes(Files.exists(p) ? p : VECTORS.resolve(name));
    }

    private static Reading reading(long value, String localId) {
        Reading r = new Reading();
        r.setValue(value);
        r.setLocalID(HexFormat.of().parseHex(localId));
        return r;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    /** Reading, ReadingSetList, ReadingSet, ReadingList and Reading items of the caller's mirror; others get 404. */
    @Test
    void readingValuesReadBack() throws Exception {
        MirrorUsagePoint mup = SepFixture.CODEC.decode(vector("envoy_meter_mirroring_mirrorusagepoint.xml"),
                MirrorUsagePoint.class);
        mup.setDeviceLFDI(HexFormat.of().parseHex(SepIdentity.lfdi(cred.certificate())));
        String mupHref = device.post("/mup", mup).header("Location");
        assertEquals(201, device.post(mupHref, vector("envoy_meter_mirroring_mirrormeterreading.xml")).status());
        // a second, later interval set of the same MirrorMeterReading, readings posted out of localID order
        MirrorMeterReading interval = SepFixture.CODEC.decode(vector("envoy_meter_mirroring_mirrormeterreading.xml"),
                MirrorMeterReading.class);
        MirrorReadingSet first = interval.getMirrorReadingSet().get(0);
        MirrorReadingSet later = SepFixture.CODEC.decode(SepFixture.CODEC.encode(first), MirrorReadingSet.class);
        MRIDType id = new MRIDType();
        id.setValue(HexFormat.of().parseHex("0A00006CC8"));
        later.setMRID(id);
        later.getTimePeriod().getStart().setValue(first.getTimePeriod().getStart().getValue() + 86400);
        later.getReading().clear();
        later.getReading().addAll(List.of(reading(30, "02"), reading(10, "00"), reading(20, "01")));
        interval.getMirrorReadingSet().set(0, later);
        assertEquals(201, device.post(mupHref, interval).status());
        String upt = "/upt/" + mupHref.substring(mupHref.lastIndexOf('/') + 1);

        // Table C.15 step 8 shape: the cumulative reading has a ReadingLink, the interval one a ReadingSetListLink
        MeterReadingList mrs = device.get(upt + "/mr?l=10").resource(MeterReadingList.class);
        MeterReading cumulative = find(mrs, "0700006CC8");
        MeterReading intervals = find(mrs, "0800006CC8");
        assertNull(cumulative.getReadingSetListLink());
        assertNull(intervals.getReadingLink());
        assertEquals(cumulative.getHref() + "/r", cumulative.getReadingLink().getHref());
        assertEquals(intervals.getHref() + "/rs", intervals.getReadingSetListLink().getHref());
        assertEquals(2L, intervals.getReadingSetListLink().getAll());
        assertEquals(2L, device.get(intervals.getHref()).resource(MeterReading.class).getReadingSetListLink().getAll());

        Reading current = device.get(cumulative.getReadingLink().getHref()).resource(Reading.class);
        assertEquals(125L, current.getValue(), "the MirrorMeterReading's Reading as posted (unscaled)");
        assertEquals(cumulative.getReadingLink().getHref(), current.getHref());
        assertEquals(404, device.get(intervals.getHref() + "/r").status(), "no Reading posted for it");

        // ReadingSetList: newest first; default l = 1; s/l; a on the start time
        String rs = intervals.getReadingSetListLink().getHref();
        ReadingSetList newest = device.get(rs).resource(ReadingSetList.class);
        assertEquals(2L, newest.getAll());
        assertEquals(1L, newest.getResults());
        assertEquals(rs, newest.getHref());
        ReadingSet laterSet = newest.getReadingSet().get(0);
        assertEquals("0A00006CC8", hex(laterSet.getMRID().getValue()));
        ReadingSetList second = device.get(rs + "?s=1&l=1").resource(ReadingSetList.class);
        ReadingSet firstSet = second.getReadingSet().get(0);
        assertEquals("0900006CC8", hex(firstSet.getMRID().getValue()));
        assertEquals(first.getTimePeriod().getStart().getValue(), firstSet.getTimePeriod().getStart().getValue());
        assertEquals(86400L, firstSet.getTimePeriod().getDuration());
        long a = first.getTimePeriod().getStart().getValue() + 1;
        ReadingSetList after = device.get(rs + "?a=" + a + "&l=10").resource(ReadingSetList.class);
        assertEquals(1L, after.getAll());
        assertEquals(laterSet.getHref(), after.getReadingSet().get(0).getHref());
        assertEquals(laterSet.getHref(), device.get(laterSet.getHref()).resource(ReadingSet.class).getHref());

        // ReadingList: localID order, hrefs, all/results, items readable
        assertEquals(3L, laterSet.getReadingListLink().getAll());
        String r = laterSet.getReadingListLink().getHref();
        ReadingList values = device.get(r + "?l=10").resource(ReadingList.class);
        assertEquals(3L, values.getAll());
        assertEquals(3L, values.getResults());
        assertEquals(List.of(10L, 20L, 30L), values.getReading().stream().map(Reading::getValue).toList());
        assertEquals(r + "/1", values.getReading().get(1).getHref());
        assertEquals(20L, device.get(r + "/1").resource(Reading.class).getValue());
        ReadingList page = device.get(r + "?s=2").resource(ReadingList.class);
        assertEquals(3L, page.getAll());
        assertEquals(1L, page.getResults(), "default l = 1");
        assertEquals(30L, page.getReading().get(0).getValue());
        assertEquals(404, device.get(r + "/3").status());
        ReadingList one = device.get(firstSet.getReadingListLink().getHref() + "?l=10").resource(ReadingList.class);
        assertEquals(List.of(10L), one.getReading().stream().map(Reading::getValue).toList(), "the C.15 vector's");

        // re-POSTing a set with the same mRID replaces its readings and keeps its href
        later.getReading().clear();
        later.getReading().add(reading(99, "00"));
        assertEquals(201, device.post(mupHref, interval).status());
        ReadingList replaced = device.get(r + "?l=10").resource(ReadingList.class);
        assertEquals(List.of(99L), replaced.getReading().stream().map(Reading::getValue).toList());
        assertEquals(2L, device.get(rs + "?l=10").resource(ReadingSetList.class).getAll());

        // only the owning device (S-ALL-05): everything else is 404
        for (String path : List.of(rs, laterSet.getHref(), r, r + "/0", cumulative.getReadingLink().getHref())) {
            assertEquals(404, other.get(path).status(), path);
        }
        assertNotNull(device.get(r + "/0").body());
    }

    private static MeterReading find(MeterReadingList l, String mrid) {
        return l.getMeterReading().stream().filter(m -> Arrays.equals(m.getMRID().getValue(),
                HexFormat.of().parseHex(mrid))).findFirst().orElseThrow();
    }
}
