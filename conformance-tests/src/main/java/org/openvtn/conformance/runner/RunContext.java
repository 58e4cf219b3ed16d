package org.openvtn.conformance.runner;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.Prompter;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TargetConfig;

/** The {@link CaseContext} of one case: fresh evidence lists, the run's shared objects. Thread-safe. */
final class RunContext implements CaseContext {

    private final TargetConfig target;
    private final Prompter prompter;
    private final Optional<AdminClient> admin;
    private final Clock clock;
    private final SharedObjects shared;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<RuleViolation> violations = new ArrayList<>();

    RunContext(TargetConfig target, Prompter prompter, Optional<AdminClient> admin, Clock clock,
               SharedObjects shared) {
        this.target = target;
        this.prompter = prompter;
        this.admin = admin;
        this.clock = clock;
        this.shared = shared;
    }

    @Override
    public TargetConfig target() {
        return target;
    }

    @Override
    public Prompter prompter() {
        return prompter;
    }

    @Override
    public Optional<AdminClient> admin() {
        return admin;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Duration patience() {
        return target.patience();
    }

    @Override
    public <T> T shared(Class<T> type, Supplier<T> factory) {
        return shared.get(type, factory);
    }

    @Override
    public synchronized void record(Exchange exchange) {
        if (exchange != null) {
            exchanges.add(exchange);
        }
    }

    @Override
    public synchronized void note(String line) {
        notes.add(line);
    }

    @Override
    public synchronized void violations(Collection<RuleViolation> found) {
        if (found != null) {
            violations.addAll(found);
        }
    }

    synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    synchronized List<RuleViolation> recordedViolations() {
        return List.copyOf(violations);
    }
}
