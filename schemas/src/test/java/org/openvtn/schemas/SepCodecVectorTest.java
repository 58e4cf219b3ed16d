package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.SFDIType;
import org.openvtn.schemas.sep.TimeType;

/**
 * IEEE 2030.5-2018 vectors (examples of the standard's Annex C and text, as other implementations wrote them)
 * against {@code sep.xsd}: valid ones round-trip, invalid ones (element order, misplaced list attributes) are
 * refused. Output uses the XSD sequence order and the 2030.5 namespace as default namespace (§5.4).
 */
class SepCodecVectorTest {

    static SepCodec codec;

    @BeforeAll
    static void build() {
        codec = SepCodec.create(new PublishedSchemas());
    }

    static List<Path> valid() {
        return SharedMaterial.files("ieee-2030.5", "valid");
    }

    static List<Path> invalid() {
        return SharedMaterial.files("ieee-2030.5", "invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validVectorRoundTrips(Path file) throws Exception {
        byte[] doc = Files.readAllBytes(file);
        codec.validate(doc);
        XmlRoundTrip.Result r = XmlRoundTrip.run(codec, doc);
        assertTrue(r.similar(), () -> file.getFileName() + " changed in the round trip: " + r.firstDifference());
        codec.validate(r.output());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidVectorIsRefused(Path file) throws Exception {
        byte[] doc = Files.readAllBytes(file);
        XmlCodecException e = assertThrows(XmlCodecException.class, () -> codec.decode(doc));
        assertEquals(XmlCodecException.Kind.SCHEMA_INVALID, e.kind(), e.getMessage());
        assertTrue(e.line() > 0, e.getMessage());
        assertThrows(XmlCodecException.class, () -> codec.validate(doc));
    }

    /** A plain resource object is written under its global element, in the default namespace. */
    @Test
    void encodesAResourceUnderItsGlobalElement() throws Exception {
        EndDevice ed = new EndDevice();
        ed.setHref("/edev/1");
        SFDIType sfdi = new SFDIType();
        sfdi.setValue(167261211391L);
        ed.setSFDI(sfdi);
        TimeType changed = new TimeType();
        changed.setValue(0L);
        ed.setChangedTime(changed);
        String xml = new String(codec.encode(ed), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<EndDevice xmlns=\"urn:ieee:std:2030.5:ns\""), xml);
        // XSD sequence order: AbstractDevice's sFDI comes before EndDevice's own changedTime
        assertTrue(xml.indexOf("<sFDI>") < xml.indexOf("<changedTime>"), xml);
        EndDevice back = codec.decode(xml.getBytes(StandardCharsets.UTF_8), EndDevice.class);
        assertEquals(167261211391L, back.getSFDI().getValue());
    }

    @Test
    void refusesAResourceOfTheWrongType() throws Exception {
        DeviceCapability dc = new DeviceCapability();
        dc.setHref("/dcap");
        dc.setPollRate(900L);
        byte[] doc = codec.encode(dc);
        XmlCodecException e = assertThrows(XmlCodecException.class, () -> codec.decode(doc, EndDevice.class));
        assertEquals(XmlCodecException.Kind.UNSUPPORTED, e.kind());
    }
}
