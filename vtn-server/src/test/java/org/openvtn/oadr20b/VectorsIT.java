package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrCancelOptType;
import org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCanceledPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrCreateOptType;
import org.openvtn.schemas.oadr20b.OadrCreatePartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrCreatedReportType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrQueryRegistrationType;
import org.openvtn.schemas.oadr20b.OadrRegisterReportType;
import org.openvtn.schemas.oadr20b.OadrRequestEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.OadrUpdateReportType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;

/**
 * Every VEN-&gt;VTN message among {@code ../shared/vectors/openadr-2.0b/valid} is accepted by the
 * handlers once its venID (and registrationID) are those of the registered VEN: HTTP 200, a
 * schema-valid answer, code 200 — or 452 where the vector names an event, opt or report request
 * this VTN never issued (the correct answer, conformance rule 21). Bare {@code avob__*} elements
 * are wrapped in oadrPayload as a VEN would send them.
 */
class VectorsIT {
    private static final Map<Class<?>, String> VEN_TO_VTN = Map.ofEntries(
            Map.entry(OadrQueryRegistrationType.class, "EiRegisterParty"),
            Map.entry(OadrCreatePartyRegistrationType.class, "EiRegisterParty"),
            Map.entry(OadrCancelPartyRegistrationType.class, "EiRegisterParty"),
            Map.entry(OadrCanceledPartyRegistrationType.class, "EiRegisterParty"),
            Map.entry(OadrResponseType.class, "EiRegisterParty"),
            Map.entry(OadrRequestEventType.class, "EiEvent"),
            Map.entry(OadrCreatedEventType.class, "EiEvent"),
            Map.entry(OadrCreateOptType.class, "EiOpt"),
            Map.entry(OadrCancelOptType.class, "EiOpt"),
            Map.entry(OadrRegisterReportType.class, "EiReport"),
            Map.entry(OadrCreatedReportType.class, "EiReport"),
            Map.entry(OadrUpdateReportType.class, "EiReport"),
            Map.entry(OadrCancelReportType.class, "EiReport"),
            Map.entry(OadrCanceledReportType.class, "EiReport"),
            Map.entry(OadrPollType.class, "OadrPoll"));
    /** Messages whose vector names objects (events, opts, report requests) of another VTN. */
    private static final List<Class<?>> MAY_REFERENCE_FOREIGN_IDS = List.of(OadrCreatedEventType.class,
            OadrCreateOptType.class, OadrCancelOptType.class, OadrCreatedReportType.class,
            OadrUpdateReportType.class, OadrCancelReportType.class);

    private static OadrHarness vtn;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    static Path vectors() {
        return Path.of(System.getProperty("openvtn.vectors", "../../shared/vectors")).resolve("openadr-2.0b");
    }

    @Test
    void venToVtnVectorsAreAccepted() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(vectors().resolve("valid"))) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        Map<String, String> outcome = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (Path f : files) {
            Object message;
            try {
                message = vtn.codec().decodeMessage(asPayload(Files.readAllBytes(f)));
            } catch (org.openvtn.schemas.XmlCodecException e) {
                continue; // a fragment that is no oadrSignedObject message (e.g. a bare itemBase)
            }
            String service = VEN_TO_VTN.get(message.getClass());
            if (service == null) {
                continue;
            }
            ScriptedVen ven = vtn.newVen();
            ven.register();
            adjust(message, ven);
            ScriptedVen.Reply r = ven.post(service, vtn.codec().encodePayload(message));
            String code = r.status() + "/" + responseCode(r.message());
            outcome.put(f.getFileName().toString(), code);
            if (code.equals("200/200")) {
                ok++;
            } else if (!(code.equals("200/452") && MAY_REFERENCE_FOREIGN_IDS.contains(message.getClass()))) {
                failures.add(f.getFileName() + " (" + message.getClass().getSimpleName() + ") -> " + code);
            }
        }
        assertTrue(failures.isEmpty(), "refused vectors: " + failures + "\nall: " + outcome);
        assertTrue(ok >= 20, "only " + ok + " vectors answered 200: " + outcome);
        assertEquals(outcome.size(), outcome.values().stream().filter(c -> c.startsWith("200/")).count());
    }

    /** Bare avob elements become oadrPayload documents. */
    static byte[] asPayload(byte[] raw) {
        // UTF-16 when there is a byte order mark; otherwise ISO-8859-1 keeps every byte as is.
        boolean utf16 = raw.length > 1 && ((raw[0] == (byte) 0xFE && raw[1] == (byte) 0xFF)
                || (raw[0] == (byte) 0xFF && raw[1] == (byte) 0xFE));
        java.nio.charset.Charset cs = utf16 ? StandardCharsets.UTF_16 : StandardCharsets.ISO_8859_1;
        String xml = new String(raw, cs);
        java.util.regex.Matcher decl = java.util.regex.Pattern.compile("^\\s*(<\\?xml[^>]*\\?>)").matcher(xml);
        String prolog = decl.find() ? decl.group(1) : "";
        String body = (prolog.isEmpty() ? xml : xml.substring(decl.end())).trim();
        if (body.matches("(?s)^<([A-Za-z0-9_]+:)?oadrPayload[\\s>].*")) {
            return raw;
        }
        return (prolog + "<oadrPayload xmlns=\"http://openadr.org/oadr-2.0b/2012/07\"><oadrSignedObject>" + body
                + "</oadrSignedObject></oadrPayload>").getBytes(cs);
    }

    /** Puts the registered VEN's IDs where the vector had the other implementation's. */
    private static void adjust(Object message, ScriptedVen ven) throws Exception {
        set(message, "setVenID", ven.venId);
        for (String inner : List.of("getEiRequestEvent", "getEiCreatedEvent")) {
            Object o = get(message, inner);
            if (o != null) {
                set(o, "setVenID", ven.venId);
            }
        }
        if (message instanceof OadrCancelPartyRegistrationType c) {
            c.setRegistrationID(ven.registrationId);
        }
        if (message instanceof OadrCreatePartyRegistrationType c) {
            c.setRegistrationID(ven.registrationId);
        }
        if (message instanceof OadrCanceledPartyRegistrationType c) {
            c.setRegistrationID(ven.registrationId);
        }
    }

    private static Object get(Object target, String getter) throws Exception {
        try {
            return target.getClass().getMethod(getter).invoke(target);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static void set(Object target, String setter, String value) throws Exception {
        try {
            Method m = target.getClass().getMethod(setter, String.class);
            m.invoke(target, value);
        } catch (NoSuchMethodException e) {
            // the message carries no such field
        }
    }

    private static String responseCode(Object message) throws Exception {
        Object r = get(message, "getEiResponse");
        if (r == null && message instanceof org.openvtn.schemas.oadr20b.OadrDistributeEventType) {
            return "200"; // a poll answered with the queued distribution
        }
        return r instanceof EiResponseType e ? e.getResponseCode() : message.getClass().getSimpleName();
    }
}
