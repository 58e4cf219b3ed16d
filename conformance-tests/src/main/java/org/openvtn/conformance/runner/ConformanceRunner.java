package org.openvtn.conformance.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Suite}'s catalogue against a target and gives every row a verdict, in catalogue order:
 * <ol>
 *   <li>a row not selected by the include/exclude globs is SKIPPED ("deselected: ...");</li>
 *   <li>a row whose {@link CaseInfo#requires()} names a capability the target does not declare is
 *       NOT_APPLICABLE, the reason naming the capability and its meaning;</li>
 *   <li>otherwise the case runs on its own thread with a fresh {@link org.openvtn.conformance.CaseContext}
 *       (shared objects live for the whole run and are closed at its end) and at most
 *       {@link RunConfig#caseTimeout()}; the verdict follows {@link Verdicts}.</li>
 * </ol>
 */
public final class ConformanceRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ConformanceRunner.class);

    private final RunConfig config;

    public ConformanceRunner(RunConfig config) {
        this.config = config;
    }

    /**
     * Runs every row in catalogue order.
     *
     * @throws IllegalStateException when the suite's catalogue lists an ID twice
     */
    public RunResult run(Suite suite, TargetConfig target) {
        try (Session session = open(suite, target)) {
            for (int i = 0; i < session.rows().size(); i++) {
                session.run(i);
            }
            return session.finish();
        }
    }

    /**
     * Opens a run whose rows the caller evaluates one by one (e.g. one JUnit dynamic test per row).
     *
     * @throws IllegalStateException when the suite's catalogue lists an ID twice
     */
    public Session open(Suite suite, TargetConfig target) {
        List<ConformanceCase> cases = List.copyOf(suite.cases());
        checkIds(suite, cases);
        for (String declared : target.capabilities()) {
            if (!suite.capabilities().containsKey(declared)) {
                LOG.warn("target declares capability '{}', which suite {} does not know (known: {})", declared,
                        suite.name(), suite.capabilities().keySet());
            }
        }
        return new Session(suite, cases, target);
    }

    /**
     * One run in progress: rows are evaluated with {@link #run(int)}; {@link #finish()} closes the shared
     * objects and gives the result, a row never evaluated being SKIPPED ("not executed").
     */
    public final class Session implements AutoCloseable {
        private final Suite suite;
        private final List<ConformanceCase> cases;
        private final TargetConfig target;
        private final SharedObjects shared = new SharedObjects();
        private final Optional<AdminClient> admin;
        private final CaseResult[] results;
        private final Instant started;
        private boolean interrupted;
        private RunResult finished;

        private Session(Suite suite, List<ConformanceCase> cases, TargetConfig target) {
            this.suite = suite;
            this.cases = cases;
            this.target = target;
            this.admin = Optional.ofNullable(config.adminClients().apply(target));
            this.results = new CaseResult[cases.size()];
            this.started = config.clock().instant();
        }

        /** The catalogue rows, in order. */
        public List<CaseInfo> rows() {
            return cases.stream().map(ConformanceCase::info).toList();
        }

        /** Evaluates row {@code index} (0-based), telling the listener before and after. */
        public synchronized CaseResult run(int index) {
            if (finished != null) {
                throw new IllegalStateException("the run is finished");
            }
            ConformanceCase c = cases.get(index);
            CaseInfo info = c.info();
            config.listener().caseStarted(index + 1, cases.size(), info);
            CaseResult result;
            if (interrupted) {
                result = CaseResult.notRun(info, Verdict.SKIPPED, "the run was interrupted");
            } else {
                result = evaluate(c, info, suite.capabilities(), target, admin, shared);
                interrupted = Thread.currentThread().isInterrupted();
            }
            results[index] = result;
            config.listener().caseFinished(index + 1, cases.size(), result);
            return result;
        }

        /** Closes the shared objects and returns the result (idempotent). */
        public synchronized RunResult finish() {
            if (finished == null) {
                shared.close();
                List<CaseResult> all = new ArrayList<>();
                for (int i = 0; i < results.length; i++) {
                    all.add(results[i] != null ? results[i]
                            : CaseResult.notRun(cases.get(i).info(), Verdict.SKIPPED, "not executed"));
                }
                finished = new RunResult(suite.name(), suite.description(), suite.catalogueVersion(), target, started,
                        config.clock().instant(), all);
            }
            return finished;
        }

        @Override
        public void close() {
            finish();
        }
    }

    private CaseResult evaluate(ConformanceCase c, CaseInfo info, Map<String, String> capabilities,
                                TargetConfig target, Optional<AdminClient> admin, SharedObjects shared) {
        Optional<String> deselected = config.selection().deselectionReason(info);
        if (deselected.isPresent()) {
            return CaseResult.notRun(info, Verdict.SKIPPED, deselected.get());
        }
        List<String> missing = info.requires().stream().filter(cap -> !target.declares(cap)).sorted().toList();
        if (!missing.isEmpty()) {
            return CaseResult.notRun(info, Verdict.NOT_APPLICABLE, notDeclared(missing, capabilities));
        }
        RunContext ctx = new RunContext(target, config.prompter(), admin, config.clock(), shared);
        Instant start = config.clock().instant();
        Throwable ended = runWithTimeout(c, info, ctx);
        Duration took = Duration.between(start, config.clock().instant());
        Verdicts.Outcome o = Verdicts.decide(info, ctx.recordedViolations(), ended);
        LOG.debug("{}: {} {}", info.id(), o.verdict(), o.reason());
        return new CaseResult(info, o.verdict(), o.reason(), o.violations(), ctx.exchanges(), ctx.notes(), start,
                took.isNegative() ? Duration.ZERO : took, o.stackTrace());
    }

    private Throwable runWithTimeout(ConformanceCase c, CaseInfo info, RunContext ctx) {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                c.run(ctx);
                done.complete(null);
            } catch (Throwable e) {
                done.complete(e);
            }
        }, "conformance-" + info.id());
        worker.setDaemon(true);
        worker.start();
        Duration timeout = config.caseTimeout();
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            return new TimeoutException("the case did not finish within " + timeout + " (per-case timeout)");
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            return new InterruptedException("the run was interrupted while the case ran");
        } catch (ExecutionException e) {
            return e.getCause(); // not reached: the future is only ever completed normally
        }
    }

    private static String notDeclared(List<String> missing, Map<String, String> capabilities) {
        StringBuilder sb = new StringBuilder("target does not declare ");
        sb.append(missing.size() == 1 ? "capability " : "capabilities ");
        for (int i = 0; i < missing.size(); i++) {
            String cap = missing.get(i);
            sb.append(i == 0 ? "" : ", ").append('\'').append(cap).append('\'');
            String meaning = capabilities.get(cap);
            if (meaning != null && !meaning.isBlank()) {
                sb.append(" (").append(meaning).append(')');
            }
        }
        return sb.toString();
    }

    private static void checkIds(Suite suite, List<ConformanceCase> cases) {
        Set<String> seen = new HashSet<>();
        for (ConformanceCase c : cases) {
            if (!seen.add(c.info().id())) {
                throw new IllegalStateException("suite " + suite.name() + " lists case ID " + c.info().id() + " twice");
            }
        }
    }
}
