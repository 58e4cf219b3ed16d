package org.openvtn.conformance.runner;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.Prompter;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.http.HttpAdminClient;

/**
 * How a run is carried out (what runs is the suite and the target). Build with {@link #builder()}.
 *
 * @param selection   include/exclude globs
 * @param caseTimeout longest a single case may run before it is stopped and FAILs
 * @param prompter    the operator console ({@link Prompters#nonInteractive()} by default)
 * @param listener    progress callback
 * @param clock       time source for evidence and durations
 * @param adminClients builds the admin client from the target (default: {@link HttpAdminClient} when the
 *                    target names an admin URL)
 */
public record RunConfig(CaseSelection selection, Duration caseTimeout, Prompter prompter, RunListener listener,
                        Clock clock, Function<TargetConfig, AdminClient> adminClients) {

    /** Default per-case timeout. */
    public static final Duration DEFAULT_CASE_TIMEOUT = Duration.ofMinutes(5);

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: every case, 5 minutes per case, no operator, no progress output, the UTC system clock. */
    public static RunConfig defaults() {
        return builder().build();
    }

    /** Builder; {@link #build()} validates and names the bad field. */
    public static final class Builder {
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private Duration caseTimeout = DEFAULT_CASE_TIMEOUT;
        private Prompter prompter = Prompters.nonInteractive();
        private RunListener listener = RunListener.NONE;
        private Clock clock = Clock.systemUTC();
        private Function<TargetConfig, AdminClient> adminClients = Builder::defaultAdmin;

        private Builder() {
        }

        public Builder include(String glob) { includes.add(glob); return this; }
        public Builder includes(List<String> globs) { includes.addAll(globs); return this; }
        public Builder exclude(String glob) { excludes.add(glob); return this; }
        public Builder excludes(List<String> globs) { excludes.addAll(globs); return this; }
        public Builder caseTimeout(Duration d) { caseTimeout = d; return this; }
        public Builder prompter(Prompter p) { prompter = p; return this; }
        public Builder listener(RunListener l) { listener = l; return this; }
        public Builder clock(Clock c) { clock = c; return this; }
        /** Replaces how the admin client is made (e.g. a test double); the function may return null. */
        public Builder adminClients(Function<TargetConfig, AdminClient> f) { adminClients = f; return this; }

        public RunConfig build() {
            if (caseTimeout == null || caseTimeout.isZero() || caseTimeout.isNegative()) {
                throw new IllegalArgumentException("caseTimeout: must be > 0, was " + caseTimeout);
            }
            for (String g : includes) {
                if (g == null || g.isBlank()) {
                    throw new IllegalArgumentException("include: empty glob");
                }
            }
            for (String g : excludes) {
                if (g == null || g.isBlank()) {
                    throw new IllegalArgumentException("exclude: empty glob");
                }
            }
            if (prompter == null) {
                throw new IllegalArgumentException("prompter: required");
            }
            if (listener == null) {
                throw new IllegalArgumentException("listener: required");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock: required");
            }
            if (adminClients == null) {
                throw new IllegalArgumentException("adminClients: required");
            }
            return new RunConfig(new CaseSelection(includes, excludes), caseTimeout, prompter, listener, clock,
                    adminClients);
        }

        private static AdminClient defaultAdmin(TargetConfig target) {
            if (target.adminUrl() == null || target.adminUrl().isBlank()) {
                return null;
            }
            return HttpAdminClient.create(target.adminUrl(), target.adminToken(), java.time.Duration.ofSeconds(30));
        }
    }
}
