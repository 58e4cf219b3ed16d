package org.openvtn.conformance.oadr20b.ven;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.RuleViolation;

/** The steps VEN cases are written in: wait for a payload, deliver a script entry on the next poll, register. */
final class VenSteps {

    private final CaseContext ctx;
    private final VtnHarness harness;
    private final VenDriver driver;

    private final boolean push;

    VenSteps(CaseContext ctx, boolean push) {
        this.ctx = ctx;
        this.push = push;
        this.harness = VtnHarness.of(ctx);
        this.driver = VenDriver.of(ctx);
    }

    /** Whether the VEN under test is a push VEN (the harness POSTs to it instead of queueing). */
    boolean push() {
        return push;
    }

    /** Asks for an immediate poll (pull VEN, automation driver); nothing for a push VEN. */
    void poll() {
        if (!push) {
            driver.poll();
        }
    }

    CaseContext ctx() {
        return ctx;
    }

    VtnHarness harness() {
        return harness;
    }

    VenDriver driver() {
        return driver;
    }

    VtnAnswers vtn() {
        return harness.state;
    }

    /** How long to wait for the VEN: patience, plus a poll interval when nobody can make it poll now. */
    Duration wait(boolean needsPoll) {
        Duration p = ctx.patience();
        return needsPoll && !push && driver.mode() != VenDriver.Mode.AUTOMATION ? p.plus(vtn().pollFreq()) : p;
    }

    /** The first payload named {@code name} from arrival {@code from} on that matches, or FAIL naming the rule. */
    VtnHarness.Msg expect(int from, String name, Predicate<VtnHarness.Msg> match, boolean needsPoll, String rule,
                          String what) throws InterruptedException {
        Duration d = wait(needsPoll);
        Optional<VtnHarness.Msg> m = harness.await(from, x -> x.name().equals(name) && match.test(x), d);
        if (m.isEmpty()) {
            throw ctx.fail(rule, name, "no " + name + " " + what + " within " + d);
        }
        return m.get();
    }

    VtnHarness.Msg expect(int from, String name, boolean needsPoll, String rule, String what)
            throws InterruptedException {
        return expect(from, name, x -> true, needsPoll, rule, what);
    }

    /**
     * Pull: queues {@code payload}, asks for a poll, and returns the arrival number of the poll that took it. Push:
     * POSTs it to the VEN and returns the arrival number from which its effects (the synchronous answer first)
     * are awaited.
     */
    int deliver(String payload) throws InterruptedException {
        if (push) {
            List<RuleViolation> v = new org.openvtn.conformance.oadr20b.OadrRules(harness.codec(), Duration.ZERO)
                    .checkSent(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!v.isEmpty()) {
                throw new IllegalStateException("harness bug: the payload it would push is invalid: " + v);
            }
            return VtnPusher.of(ctx).push(ctx, harness, payload);
        }
        int from = harness.count();
        harness.enqueue(payload);
        driver.poll();
        VtnHarness.Msg poll = expect(from, "oadrPoll", x -> x.exchange().responseBody().equals(payload), true,
                "oadr.poll.500", "collected the queued payload");
        return poll.seq();
    }

    /** Makes sure the VEN is registered and has finished its registration bootstrap (METADATA registered). */
    void ensureRegistered() throws InterruptedException {
        if (vtn().registrationId() != null) {
            return;
        }
        int from = harness.count();
        driver.register(false, harness.url());
        if (driver.mode() == VenDriver.Mode.PATIENCE && harness.await(from, x -> x.name().equals(
                "oadrCreatePartyRegistration"), wait(true)).isEmpty()) {
            throw ctx.skip("the VEN did not register on its own within " + wait(true) + " (venDriver patience: start"
                    + " it against " + harness.url() + ", or use venDriver automation or console)");
        }
        VtnHarness.Msg c = expect(from, "oadrCreatePartyRegistration", true, "ven.registers",
                "(the VEN did not register)");
        expect(c.seq(), "oadrRegisterReport", false, "oadr.metadata.301", "after registering");
        ctx.note("VEN registered as " + vtn().venId() + " (registrationID " + vtn().registrationId() + ")");
    }

    /** Distributes {@code events} (the VTN's whole current list) on the next poll; the seq of that poll. */
    int distribute(List<VtnMessages.Event> events) throws InterruptedException {
        String payload;
        synchronized (harness.state) {
            payload = vtn().distribute(events);
        }
        vtn().remember("distributionRequestId", Dom.text(Dom.message(payload.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "requestID"));
        return deliver(payload);
    }

    /** The requestID of the last distribution delivered. */
    String requestIdOf(int seq) {
        return vtn().recall("distributionRequestId");
    }

    void check(boolean ok, String rule, String element, String message) {
        ctx.check(ok, () -> RuleViolation.must(rule, element, message));
    }

    void should(boolean ok, String rule, String element, String message) {
        ctx.check(ok, () -> RuleViolation.should(rule, element, message));
    }
}
