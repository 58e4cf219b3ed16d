package org.openvtn.oadr20b.http;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;

/**
 * Cost of one idle oadrPoll answer and one request-timer lookup, single-threaded, from the JVM's per-thread counters
 * (thread CPU time and allocated bytes; issue #18). The allocation figures are exact and do not depend on other load
 * on the machine. Run: {@code java -cp bench/target/benchmarks.jar org.openvtn.oadr20b.http.IdleAnswerCost 20000 20000}
 * (warm-up calls, measured calls); results in BENCHMARKS.md section 9. Lives in the template's package because the
 * template is internal to the VTN's OpenADR handler.
 */
public final class IdleAnswerCost {
    static final com.sun.management.ThreadMXBean T = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    interface Op { Object run() throws Exception; }
    static void measure(String name, int warm, int n, Op op) throws Exception {
        for (int i = 0; i < warm; i++) op.run();
        long tid = Thread.currentThread().getId();
        long a0 = T.getThreadAllocatedBytes(tid), c0 = T.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) op.run();
        long a1 = T.getThreadAllocatedBytes(tid), c1 = T.getCurrentThreadCpuTime();
        System.out.printf("%-44s thread CPU %8.2f us/op, allocated %8d B/op%n", name, (c1 - c0) / 1e3 / n, (a1 - a0) / n);
    }
    private IdleAnswerCost() {
    }

    /** @param a warm-up calls, measured calls */
    public static void main(String[] a) throws Exception {
        OadrCodec codec = OadrCodec.create(new PublishedSchemas());
        OkResponseTemplate t = OkResponseTemplate.of(codec);
        String ven = "A8:51:35:A8:5A:E5:40:DF:25:C3";
        int warm = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]);
        org.openvtn.core.service.VtnCore core = org.openvtn.core.service.VtnCore.open(org.openvtn.core.service.CoreConfig
                .builder().inMemory("idle" + java.util.UUID.randomUUID().toString().replace("-", "")).build());
        org.openvtn.oadr20b.service.OadrServices services = org.openvtn.oadr20b.service.OadrServices.of(core);
        String fingerprint = "AB:CD:EF:01:23:45:67:89:AB:CD";
        String venId = core.registrations().register(org.openvtn.core.RegistrationRequest.simple(fingerprint, null,
                "bench")).participantId();
        org.openvtn.oadr20b.service.OadrCaller caller = new org.openvtn.oadr20b.service.OadrCaller(fingerprint, "CN=bench");
        org.openvtn.schemas.oadr20b.OadrPollType poll = new org.openvtn.schemas.oadr20b.OadrPollType();
        poll.setSchemaVersion("2.0b");
        poll.setVenID(venId);
        // the registration's distribution (no event awaits an answer): sent once, then pending until it is due again
        System.out.println("first poll: " + services.poll().poll(caller, poll).getClass().getSimpleName()
                + ", then: " + services.poll().poll(caller, poll).getClass().getSimpleName());
        for (int round = 0; round < 2; round++) {
            long tx0 = core.store().database().transactions();
            measure("poll service, sent distribution not yet due", warm, n, () -> services.poll().poll(caller, poll));
            System.out.printf("%-44s %.3f per poll%n", "  database round trips (transactions)",
                    (core.store().database().transactions() - tx0) / (double) (warm + n));
            byte[] pollBytes = codec.encodePayload(poll);
            measure("incoming oadrPoll: parse + validate + bind", warm, n,
                    () -> codec.unwrap(codec.decode(pollBytes, org.openvtn.schemas.oadr20b.OadrPayload.class)));
            measure("incoming oadrPoll: proven shape (session 10)", warm, n,
                    () -> codec.unwrap(codec.decodePayload(pollBytes)));
            measure("idle oadrResponse: JAXB marshal + validate", warm, n,
                    () -> codec.encodePayload(OadrMapping.response(OadrValues.ok(null), ven)));
            measure("idle oadrResponse: template (matches+render)", warm, n, () -> {
                Object r = OadrMapping.response(OadrValues.ok(null), ven);
                return OkResponseTemplate.matches(r) ? t.render(ven) : null;
            });
            PrometheusMeterRegistry reg = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            measure("request timer: build + register per request", warm, n, () -> {
                Timer x = Timer.builder("openvtn.requests").tag("protocol", "oadr20b").tag("service", "OadrPoll")
                        .tag("code", Integer.toString(200)).publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30)).register(reg);
                x.record(1000, java.util.concurrent.TimeUnit.NANOSECONDS);
                return x;
            });
            record K(String s, int c) { }
            ConcurrentHashMap<K, Timer> cache = new ConcurrentHashMap<>();
            measure("request timer: cached per (service, code)", warm, n, () -> {
                Timer x = cache.computeIfAbsent(new K("OadrPoll", 200), k -> Timer.builder("openvtn.requests2")
                        .tag("protocol", "oadr20b").tag("service", k.s()).tag("code", Integer.toString(k.c()))
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30)).register(reg));
                x.record(1000, java.util.concurrent.TimeUnit.NANOSECONDS);
                return x;
            });
        }
        core.close();
    }
}
