package org.openvtn.oadr20b.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.oadr20b.OadrResponseType;

/**
 * The idle poll's oadrResponse template (OpenADR 2.0b profile §8.5 oadrPoll; issue #18): for every venID it renders,
 * the bytes are exactly what the validating codec marshals for the same answer, and they validate against the
 * published oadr_20b.xsd; venIDs it cannot render safely are left to the codec.
 */
class OkResponseTemplateTest {
    private static final OadrCodec CODEC = OadrCodec.create(new PublishedSchemas());
    private static final OkResponseTemplate TEMPLATE = OkResponseTemplate.of(CODEC);

    @Test
    void rendersTheCodecsBytesAndTheyAreSchemaValid() throws Exception {
        assertNotNull(TEMPLATE);
        for (String venId : List.of("A8:51:35:A8:5A:E5:40:DF:25:C3", "ven-1", "", " spaced  out ",
                "a&b<c>d\"e'f]]>g", "&amp;", "~!@#$%^*()_+{}|:?`-=[]\\;,./")) {
            OadrResponseType answer = OadrMapping.response(OadrValues.ok(null), venId);
            assertTrue(OkResponseTemplate.matches(answer), venId);
            byte[] rendered = TEMPLATE.render(venId);
            assertArrayEquals(CODEC.encodePayload(answer), rendered, venId);
            OadrResponseType back = (OadrResponseType) CODEC.decodeMessage(rendered); // validates against the XSD
            assertEquals(venId, back.getVenID());
        }
    }

    @Test
    void leavesOtherVenIdsToTheCodec() {
        assertNull(TEMPLATE.render("ven\u0001"));
        assertNull(TEMPLATE.render("vén"));
        assertNull(TEMPLATE.render("line\nbreak"));
    }

    @Test
    void matchesOnlyTheIdleAnswer() {
        assertFalse(OkResponseTemplate.matches(OadrMapping.response(OadrValues.ok("req-1"), "v")));
        assertFalse(OkResponseTemplate.matches(OadrMapping.response(OadrValues.response(463, "OK", null), "v")));
        assertFalse(OkResponseTemplate.matches(OadrMapping.response(OadrValues.response(200, "fine", null), "v")));
        assertFalse(OkResponseTemplate.matches(OadrMapping.response(OadrValues.ok(null), null)));
        OadrResponseType noVersion = OadrMapping.response(OadrValues.ok(null), "v");
        noVersion.setSchemaVersion(null);
        assertFalse(OkResponseTemplate.matches(noVersion));
        assertFalse(OkResponseTemplate.matches("not a response"));
    }
}
