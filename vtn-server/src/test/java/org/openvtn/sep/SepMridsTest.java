package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.service.SepMrids;
import org.openvtn.sep.service.SepPaths;

/** sep.xsd mRIDType: the issuer's IANA Private Enterprise Number in the 32 least-significant bits of each mRID. */
class SepMridsTest {

    @Test
    void penInTheLowThirtyTwoBitsBigEndian() {
        SepMrids m = new SepMrids(0x12345678L);
        byte[] id = m.of("fsa:p1");
        assertEquals(16, id.length);
        assertArrayEquals(new byte[] {0x12, 0x34, 0x56, 0x78}, Arrays.copyOfRange(id, 12, 16));
        assertArrayEquals(Arrays.copyOf(SepPaths.mrid("fsa:p1"), 12), Arrays.copyOf(id, 12), "96 bits from the key");
        assertTrue(m.hex("fsa:p1").endsWith("12345678"));
        assertEquals(m.hex("fsa:p1"), new SepMrids(0x12345678L).hex("fsa:p1"), "stable per key");
        assertNotEquals(m.hex("fsa:p1"), m.hex("fsa:p2"));
        assertTrue(new SepMrids(0xFFFFFFFFL).hex("k").endsWith("FFFFFFFF"), "unsigned 32 bits");
    }

    @Test
    void placeholderIsTheDocumentationPen() {
        assertEquals(32473, SepMrids.PLACEHOLDER_PEN);
        assertTrue(SepMrids.placeholder().hex("x").endsWith(String.format("%08X", 32473)));
    }

    @Test
    void outOfRangePenRefusedNamingTheField() {
        assertThrows(IllegalArgumentException.class, () -> new SepMrids(-1));
        assertThrows(IllegalArgumentException.class, () -> new SepMrids(0x100000000L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SepConfig.builder()
                .tls(SepFixture.PKI.sepServerConfig().build()).codec(SepFixture.CODEC).pen(-5).build());
        assertTrue(e.getMessage().startsWith("pen:"), e.getMessage());
        assertEquals(SepMrids.PLACEHOLDER_PEN, SepConfig.builder().tls(SepFixture.PKI.sepServerConfig().build())
                .codec(SepFixture.CODEC).build().pen());
    }
}
