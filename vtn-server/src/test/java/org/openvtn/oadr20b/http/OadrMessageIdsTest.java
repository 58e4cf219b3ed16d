package org.openvtn.oadr20b.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrSignedObject;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;
import org.openvtn.schemas.oadr20b.pyld.EiCreatedEvent;
import org.openvtn.schemas.oadr20b.pyld.EiRequestEvent;

/**
 * Issue #13 item "no reflection to read message fields in the OpenADR handler": {@link OadrMessageIds} reads the
 * requestID and venID an error answer echoes (OpenADR 2.0b Profile Specification 8.x: the eiResponse of an error
 * carries the request's requestID) from EVERY message of the oadrSignedObject choice with typed getters. The test
 * walks the choice itself, so a message type the typed reader misses fails here.
 */
class OadrMessageIdsTest {

    /** Every message type of the oadrSignedObject choice (oadr_20b.xsd). */
    private static List<Class<?>> messageTypes() {
        List<Class<?>> out = new ArrayList<>();
        for (Field f : OadrSignedObject.class.getDeclaredFields()) {
            if (f.getType().getSimpleName().startsWith("Oadr")) {
                out.add(f.getType());
            }
        }
        return out;
    }

    private static Method setter(Class<?> c, String name, Class<?> type) {
        try {
            return c.getMethod(name, type);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Test
    void everyMessageOfTheChoiceGivesItsRequestIdAndVenId() throws Exception {
        List<Class<?>> types = messageTypes();
        assertEquals(23, types.size(), types.toString());
        int withRequestId = 0;
        int withVenId = 0;
        for (Class<?> type : types) {
            Object m = type.getConstructor().newInstance();
            String expectedRequest = "";
            String expectedVen = null;
            Method setRequestId = setter(type, "setRequestID", String.class);
            Method setResponse = setter(type, "setEiResponse", EiResponseType.class);
            if (setRequestId != null) {
                setRequestId.invoke(m, "req-" + type.getSimpleName());
                expectedRequest = "req-" + type.getSimpleName();
            } else if (setResponse != null) {
                EiResponseType r = new EiResponseType();
                r.setRequestID("resp-" + type.getSimpleName());
                setResponse.invoke(m, r);
                expectedRequest = "resp-" + type.getSimpleName();
            }
            Method setVenId = setter(type, "setVenID", String.class);
            if (setVenId != null) {
                setVenId.invoke(m, "ven-" + type.getSimpleName());
                expectedVen = "ven-" + type.getSimpleName();
            }
            if (m instanceof OadrRequestEventType re) {
                EiRequestEvent inner = new EiRequestEvent();
                inner.setRequestID("req-inner");
                inner.setVenID("ven-inner");
                re.setEiRequestEvent(inner);
                expectedRequest = "req-inner";
                expectedVen = "ven-inner";
            }
            if (m instanceof OadrCreatedEventType ce) {
                EiCreatedEvent inner = new EiCreatedEvent();
                EiResponseType r = new EiResponseType();
                r.setRequestID("resp-inner");
                inner.setEiResponse(r);
                inner.setVenID("ven-created");
                ce.setEiCreatedEvent(inner);
                expectedRequest = "resp-inner";
                expectedVen = "ven-created";
            }
            assertEquals(expectedRequest, OadrMessageIds.requestIdOf(m), type.getSimpleName());
            assertEquals(expectedVen, OadrMessageIds.venIdOf(m), type.getSimpleName());
            withRequestId += expectedRequest.isEmpty() ? 0 : 1;
            withVenId += expectedVen == null ? 0 : 1;
        }
        // every type but oadrPoll and oadrRequestReregistration carries a requestID; all but two a venID
        assertEquals(21, withRequestId);
        assertTrue(withVenId >= 18, "venIDs found: " + withVenId);
    }

    /** A message without the fields (or no message at all) gives "" and null, never an exception. */
    @Test
    void emptyMessagesGiveNothing() {
        for (Class<?> type : messageTypes()) {
            Object m;
            try {
                m = type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            assertEquals("", OadrMessageIds.requestIdOf(m), type.getSimpleName());
            assertNull(OadrMessageIds.venIdOf(m), type.getSimpleName());
        }
        assertEquals("", OadrMessageIds.requestIdOf(null));
        assertNull(OadrMessageIds.venIdOf(null));
        assertEquals("", OadrMessageIds.requestIdOf("not a message"));
    }
}
