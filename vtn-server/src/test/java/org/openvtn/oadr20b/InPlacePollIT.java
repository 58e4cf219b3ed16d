package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.oadr20b.http.OadrHandler;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.store.PostgresServer;

/**
 * Issue #18 (slice K): on Derby the idle oadrPoll (OpenADR 2.0b 8.7, conformance rule 500: nothing to send, answered
 * with oadrResponse) is answered on the thread that read it (the selector's, no hand-off to the pool); a message
 * whose work may block (a registration, a poll with something to deliver) is handed to the pool, and its attempt on
 * the selector changes nothing (the poll counter moves once per poll). On PostgreSQL nothing is answered in place.
 */
class InPlacePollIT {
    private static final String METER = "openvtn.oadr.answers";

    @Test
    void derbyAnswersTheIdlePollInPlaceAndHandsBlockingWorkToThePool() {
        try (OadrHarness vtn = OadrHarness.inMemory()) {
            MeterRegistry meters = vtn.server.meterRegistry();
            ScriptedVen ven = vtn.newVen();
            long polls0 = vtn.server.core().metrics().oadrPolls();
            double inPlace0 = count(meters, "in_place");
            double pool0 = count(meters, "pool");

            ven.register(); // a registration writes: the pool
            assertEquals(inPlace0, count(meters, "in_place"), "answered in place: the registration");
            assertEquals(pool0 + 1, count(meters, "pool"), "handed to the pool: the registration");

            // the registration's distribution is due: its delivery is a transaction, so the selector's attempt is
            // abandoned and the poll answered on the pool
            assertInstanceOf(OadrDistributeEventType.class, ven.poll());
            assertEquals(inPlace0, count(meters, "in_place"), "answered in place: a poll with something due");
            assertEquals(pool0 + 2, count(meters, "pool"), "handed to the pool: a poll with something due");

            // the first idle poll may reload the queue the delivery changed (a read through the database: the pool)
            assertInstanceOf(OadrResponseType.class, ven.poll());
            double inPlace1 = count(meters, "in_place");
            double pool1 = count(meters, "pool");
            assertEquals(inPlace0 + pool0 + 3, inPlace1 + pool1, "every answer is counted on one side");
            for (int i = 0; i < 3; i++) {
                assertInstanceOf(OadrResponseType.class, ven.poll()); // nothing due, caches warm: the idle answer
            }
            assertEquals(inPlace1 + 3, count(meters, "in_place"), "answered in place: idle polls");
            assertEquals(pool1, count(meters, "pool"), "handed to the pool: idle polls");
            assertEquals(polls0 + 5, vtn.server.core().metrics().oadrPolls(), "polls counted once each");
        }
    }

    @Test
    void postgresAnswersNothingInPlace() {
        PostgresServer pg = PostgresServer.require();
        try (OadrHarness vtn = OadrHarness.onPostgres(pg.database("inplace"))) {
            ScriptedVen ven = vtn.newVen();
            ven.register();
            long polls0 = vtn.server.core().metrics().oadrPolls();
            for (int i = 0; i < 4; i++) {
                ven.poll();
            }
            assertInstanceOf(OadrResponseType.class, ven.poll());
            assertEquals(0.0, count(vtn.server.meterRegistry(), "in_place"), "answered in place on PostgreSQL");
            assertEquals(polls0 + 5, vtn.server.core().metrics().oadrPolls(), "polls counted once each");
        }
    }

    /**
     * The body read without blocking (AsyncBody): a chunked oadrPoll whose second half arrives later is answered as
     * usual, in place once the caches are warm; a chunked body over the listener's limit (no Content-Length to refuse
     * it from) is answered 413 with a 454 payload, as before.
     */
    @Test
    void chunkedBodiesInPiecesAndOverTheLimit() throws Exception {
        try (OadrHarness vtn = OadrHarness.inMemory(b -> b.maxBodyBytes(4096))) {
            ScriptedVen ven = vtn.newVen();
            ven.register();
            ven.poll();
            ven.poll(); // the queue's delivery done, caches warm
            byte[] poll = OadrHarness.codec().encodePayload(ven.pollMessage());
            SSLContext tls = TlsFactory.of(vtn.pki.oadrClientConfig(ven.credential).build()).clientSslContext();
            double inPlace = count(vtn.server.meterRegistry(), "in_place");
            try (Socket s = tls.getSocketFactory().createSocket("127.0.0.1", vtn.server.oadrPort())) {
                s.setSoTimeout(60_000);
                OutputStream out = s.getOutputStream();
                int half = poll.length / 2;
                out.write(chunkedHead());
                out.write(chunk(Arrays.copyOfRange(poll, 0, half)));
                out.flush();
                Thread.sleep(200); // lets the handler run out of bytes and demand more; the result does not depend on it
                out.write(chunk(Arrays.copyOfRange(poll, half, poll.length)));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Answer a = Answer.read(s.getInputStream());
                assertEquals(200, a.status());
                assertInstanceOf(OadrResponseType.class, OadrHarness.codec().decodeMessage(a.body()));
                assertEquals(inPlace + 1, count(vtn.server.meterRegistry(), "in_place"), "answered in place");

                byte[] big = new byte[5000];
                Arrays.fill(big, (byte) ' ');
                out.write(chunkedHead());
                out.write(chunk(big));
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Answer refused = Answer.read(s.getInputStream());
                assertEquals(413, refused.status());
                assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains(">454<"), "a 454 payload");
            }
            assertInstanceOf(OadrResponseType.class, ven.poll(), "the server still answers");
        }
    }

    private static byte[] chunkedHead() {
        return ("POST " + OadrHandler.PATH + "OadrPoll HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + OadrCodec.CONTENT_TYPE + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] chunk(byte[] data) {
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] c = Arrays.copyOf(head, head.length + data.length + 2);
        System.arraycopy(data, 0, c, head.length, data.length);
        c[c.length - 2] = '\r';
        c[c.length - 1] = '\n';
        return c;
    }

    /** One HTTP/1.1 answer with a Content-Length, read from a kept-alive connection. */
    private record Answer(int status, byte[] body) {
        static Answer read(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after: " + head);
                }
                head.append((char) b);
            }
            Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
            byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            return new Answer(Integer.parseInt(head.substring(9, 12)), body);
        }
    }

    private static double count(MeterRegistry meters, String thread) {
        return meters.get(METER).tag("thread", thread).functionCounter().count();
    }
}
