package org.openvtn.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openvtn.core.EventSpec;
import org.openvtn.core.PollItem;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.service.OadrCaller;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * The VTN's oadrPoll path without TLS and HTTP: decode + validate the poll, the poll service over a Derby core
 * (in memory), encode + validate the answer. {@code idlePoll} is the common case (nothing queued: oadrResponse);
 * {@code distributionPoll} re-queues EVENTS_CHANGED each time so the answer is the oadrDistributeEvent of
 * {@link Fixtures} shape (3 events x 2 signals x 24 intervals) read from the store. Single-threaded cost per poll;
 * {@code openvtn bench poll} measures the whole server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PollPathBenchmark {
    VtnCore core;
    OadrServices services;
    OadrCodec codec;
    OadrCaller caller;
    String venId;
    byte[] pollBytes;

    @Setup
    public void setup() throws XmlCodecException {
        core = VtnCore.open(CoreConfig.builder().inMemory("pollpath" + UUID.randomUUID().toString().replace("-", ""))
                .build());
        services = OadrServices.of(core);
        codec = OadrCodec.create(new PublishedSchemas());
        String fingerprint = "AB:CD:EF:01:23:45:67:89:AB:CD";
        venId = core.registrations().register(RegistrationRequest.simple(fingerprint, null, "bench")).participantId();
        caller = new OadrCaller(fingerprint, "CN=bench");
        String program = core.programs().create("bench", "http://MarketContext1").id();
        Instant start = Instant.now().plus(Duration.ofHours(1));
        for (int e = 0; e < Fixtures.EVENTS; e++) {
            List<Map.Entry<Duration, Double>> levels = new ArrayList<>();
            List<Map.Entry<Duration, Double>> setpoints = new ArrayList<>();
            for (int i = 0; i < Fixtures.INTERVALS; i++) {
                levels.add(Map.entry(Duration.ofHours(1), (double) (i % 4)));
                setpoints.add(Map.entry(Duration.ofHours(1), 2.5 + i * 0.25));
            }
            core.events().create(EventSpec.builder().programId(program).start(start.plus(Duration.ofDays(e)))
                    .targets(Targets.vens(venId)).responseRequired(ResponseRequired.ALWAYS)
                    .signal("SIMPLE", "level", null, levels).signal("LOAD_DISPATCH", "setpoint", "kW", setpoints)
                    .build());
        }
        OadrPollType poll = new OadrPollType();
        poll.setSchemaVersion("2.0b");
        poll.setVenID(venId);
        pollBytes = codec.encodePayload(poll);
        idlePoll(); // drains what registration and the events queued
    }

    @TearDown
    public void close() {
        core.close();
    }

    /** A poll with nothing queued: the steady state of a fleet. */
    @Benchmark
    public byte[] idlePoll() throws XmlCodecException {
        OadrPollType poll = (OadrPollType) codec.decodeMessage(pollBytes);
        return codec.encodePayload(services.poll().poll(caller, poll));
    }

    /** A poll answered with the VEN's complete event list (what every VEN gets once after an event change). */
    @Benchmark
    public byte[] distributionPoll() throws XmlCodecException {
        core.pollQueue().enqueue(venId, PollItem.Kind.EVENTS_CHANGED, null);
        OadrPollType poll = (OadrPollType) codec.decodeMessage(pollBytes);
        return codec.encodePayload(services.poll().poll(caller, poll));
    }
}
