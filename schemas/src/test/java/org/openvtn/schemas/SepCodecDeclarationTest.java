package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.SFDIType;

/**
 * Issue #17: IEEE 2030.5 documents are written without an XML declaration (the standard's Annex C examples carry
 * none; strict CSIP-AUS harnesses refuse {@code standalone="yes"}), while OpenADR keeps its declaration.
 */
class SepCodecDeclarationTest {
    private static final PublishedSchemas SCHEMAS = new PublishedSchemas();

    @Test
    void sepDocumentsStartWithTheRootElement() throws Exception {
        SepCodec codec = SepCodec.create(SCHEMAS);
        DeviceCapability d = new DeviceCapability();
        d.setHref("/dcap");
        EndDevice e = new EndDevice();
        e.setHref("/edev/1");
        SFDIType s = new SFDIType();
        s.setValue(123456789L);
        e.setSFDI(s);
        org.openvtn.schemas.sep.TimeType t = new org.openvtn.schemas.sep.TimeType();
        t.setValue(0L);
        e.setChangedTime(t);
        for (Object o : new Object[] {d, e}) {
            String text = new String(codec.encode(o), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("<" + o.getClass().getSimpleName() + " "), text);
            assertFalse(text.contains("<?xml"), text);
            assertFalse(text.contains("standalone"), text);
            codec.validate(text.getBytes(StandardCharsets.UTF_8));
            assertEquals(o.getClass(), codec.decode(text.getBytes(StandardCharsets.UTF_8)).getClass());
        }
    }

    @Test
    void strippingLeavesDocumentsWithoutDeclarationUnchanged() {
        byte[] plain = "<Time xmlns=\"urn:ieee:std:2030.5:ns\"/>".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(plain, SepCodec.withoutDeclaration(plain));
        byte[] declared = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Time xmlns=\"urn:ieee:std:2030.5:ns\"/>").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(plain, SepCodec.withoutDeclaration(declared));
    }
}
