package org.openvtn.device.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: a controllable clock, a recording sink and listener, and terse builders of events/programs. */
final class EngineFixture {

    /** A fixed base time (2027-01-15T08:00:00Z); tests work in seconds relative to it. */
    static final long T0 = 1_800_000_000L;

    private EngineFixture() {
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(long epochSecond) {
            this.now = Instant.ofEpochSecond(epochSecond);
        }

        void set(long epochSecond) {
            now = Instant.ofEpochSecond(epochSecond);
        }

        long seconds() {
            return now.getEpochSecond();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** One Response as the sink saw it. */
    record Sent(String href, int status, long at) {
    }

    /** Records every Response. */
    static final class RecordingSink implements ResponseSink {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public synchronized void send(EventView event, int status, Instant at) {
            sent.add(new Sent(event.href(), status, at.getEpochSecond()));
        }

        synchronized List<Integer> statuses(String href) {
            return sent.stream().filter(s -> s.href().equals(href)).map(Sent::status).toList();
        }

        synchronized List<Sent> of(String href) {
            return sent.stream().filter(s -> s.href().equals(href)).toList();
        }
    }

    /** Counts listener calls and keeps the last map. */
    static final class RecordingListener implements EffectiveControlListener {
        final List<Map<String, EffectiveControl>> calls = new ArrayList<>();

        @Override
        public synchronized void changed(Map<String, EffectiveControl> effective) {
            calls.add(effective);
        }
    }

    /** A mutable event description with defaults (active, 1 h, responseRequired 03, one opModFixedW). */
    static final class Ev {
        String href;
        String program = "/derp/1";
        long creation = T0 - 3600;
        int status = EventView.SCHEDULED;
        long start = T0;
        long duration = 3600;
        int rStart;
        int rDuration;
        Map<String, ModeValue> modes = new LinkedHashMap<>();
        String replyTo = "/rsps/1/rsp";
        int rr = 0x03;
        Integer rampTms;

        Ev(String href) {
            this.href = href;
        }

        Ev program(String p) {
            program = p;
            return this;
        }

        Ev created(long t) {
            creation = t;
            return this;
        }

        Ev status(int s) {
            status = s;
            return this;
        }

        Ev window(long s, long d) {
            start = s;
            duration = d;
            return this;
        }

        Ev randomize(int rs, int rd) {
            rStart = rs;
            rDuration = rd;
            return this;
        }

        Ev mode(String m, long v) {
            modes.put(m, new ModeValue(v, 0));
            return this;
        }

        /** DERControlBase.rampTms, hundredths of a second. */
        Ev ramp(int hundredths) {
            rampTms = hundredths;
            return this;
        }

        Ev rr(int bits) {
            rr = bits;
            return this;
        }

        Ev replyTo(String r) {
            replyTo = r;
            return this;
        }

        EventView view() {
            Map<String, ModeValue> m = modes.isEmpty() ? Map.of() : modes;
            return new EventView(href, "mrid" + href.replace('/', '-'), program, creation, status, start, duration,
                    rStart, rDuration, m, replyTo, rr, rampTms);
        }
    }

    static Ev ev(String href) {
        return new Ev(href);
    }

    static ProgramView program(String href, int primacy, Map<String, ModeValue> defaults, Ev... events) {
        List<EventView> list = new ArrayList<>();
        for (Ev e : events) {
            list.add(e.program(href).view());
        }
        return new ProgramView(href, "mrid" + href.replace('/', '-'), primacy, list, defaults);
    }

    static Map<String, ModeValue> defaults(Object... modeValue) {
        Map<String, ModeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < modeValue.length; i += 2) {
            m.put((String) modeValue[i], new ModeValue(((Number) modeValue[i + 1]).longValue(), 0));
        }
        return m;
    }

    /** The engine's effective control as "mode=source:value" strings in mode order, for table comparisons. */
    static Map<String, String> summary(EventEngine engine) {
        Map<String, String> out = new java.util.TreeMap<>();
        engine.effective().forEach((m, c) -> out.put(m, c.source() + "=" + c.value().value()));
        return out;
    }
}
