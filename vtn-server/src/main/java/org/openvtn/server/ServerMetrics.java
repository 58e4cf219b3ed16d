package org.openvtn.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Method;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.ServerConnector;
import org.openvtn.core.service.VtnCore;
import org.openvtn.listener.HandshakeFailures;
import org.openvtn.listener.RequestMetrics;
import org.openvtn.sep.notify.DeliveryStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one {@link VtnServer} in one {@link PrometheusMeterRegistry} (issue #19; every meter is listed in
 * docs/metrics.md): requests by protocol, service and result code with latency histograms, TLS handshake failures
 * by reason, poll-queue, push-outbox and notification-outbox depths, 2.0b push and 2030.5 notification deliveries
 * by outcome, the database pool when the store has one, JVM and process CPU. Gauges and function counters read the
 * services at scrape time only.
 */
final class ServerMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** @return the Prometheus text exposition */
    String scrape() {
        return registry.scrape();
    }

    /** Times the requests of a listener ({@code protocol} tag). */
    Handler timed(Handler handler, String protocol) {
        return new RequestMetrics(handler, registry, protocol);
    }

    /**
     * {@code openvtn.oadr.answers{thread=in_place|pool}}: OpenADR 2.0b requests answered on the thread that read them
     * (the selector's, issue #18) and those handed to the pool because their work may block.
     */
    void countAnswerThreads(org.openvtn.oadr20b.http.OadrHandler handler) {
        FunctionCounter.builder("openvtn.oadr.answers", handler, h -> h.answeredInPlace())
                .description("OpenADR 2.0b answers by the thread that made them").tag("thread", "in_place")
                .register(registry);
        FunctionCounter.builder("openvtn.oadr.answers", handler, h -> h.answeredOnPool())
                .description("OpenADR 2.0b answers by the thread that made them").tag("thread", "pool")
                .register(registry);
    }

    /** Counts the failed handshakes of a mutual-TLS connector; call before the server starts. */
    void countHandshakeFailures(ServerConnector connector) {
        connector.addBean(new HandshakeFailures(registry, connector.getName()));
    }

    /** The OpenADR 2.0b poll queue and push outbox of the core. */
    void bindCore(VtnCore core) {
        Gauge.builder("openvtn.oadr.poll.queue.depth", core, c -> c.pollQueue().depth())
                .description("Items queued for the next oadrPoll, over every VEN").register(registry);
        FunctionCounter.builder("openvtn.oadr.polls", core.metrics(), m -> m.oadrPolls())
                .description("oadrPoll requests answered").register(registry);
        Gauge.builder("openvtn.oadr.push.outbox.depth", core, c -> c.pushOutbox().totals().queued())
                .description("Entries waiting in the 2.0b push outbox, over every push VEN").register(registry);
        Gauge.builder("openvtn.oadr.push.unreachable", core, c -> c.pushOutbox().totals().unreachable())
                .description("Push VENs past the attempt limit").register(registry);
        pushCounter(core, "delivered", c -> c.pushOutbox().totals().delivered());
        pushCounter(core, "failed", c -> c.pushOutbox().totals().failures());
        Gauge.builder("openvtn.tls.crl.stale", core.metrics(), m -> m.crlStale())
                .description("CRLs in force past their nextUpdate").register(registry);
    }

    private void pushCounter(VtnCore core, String outcome, ToDoubleFunction<VtnCore> f) {
        FunctionCounter.builder("openvtn.oadr.push.deliveries", core, f).tag("outcome", outcome)
                .description("2.0b push delivery attempts by outcome").register(registry);
    }

    /** The 2030.5 notification outbox and deliveries (IEEE 2030.5-2018 §5.6 subscription/notification). */
    void bindNotifications(Supplier<DeliveryStats> stats) {
        Gauge.builder("openvtn.sep.notification.outbox.depth", stats, s -> s.get().pending())
                .description("2030.5 notifications accepted and not yet delivered").register(registry);
        Gauge.builder("openvtn.sep.subscriptions", stats, s -> s.get().subscriptions())
                .description("Active 2030.5 subscriptions").register(registry);
        notificationCounter(stats, "delivered", s -> s.get().delivered());
        notificationCounter(stats, "dropped", s -> s.get().dropped());
        notificationCounter(stats, "retried", s -> s.get().retries());
    }

    private void notificationCounter(Supplier<DeliveryStats> stats, String outcome,
                                     ToDoubleFunction<Supplier<DeliveryStats>> f) {
        FunctionCounter.builder("openvtn.sep.notifications", stats, f).tag("outcome", outcome)
                .description("2030.5 notification deliveries by outcome").register(registry);
    }

    /**
     * Hands the meter registry to the store's connection pool when it has one. HikariCP publishes its pool meters
     * ({@code hikaricp.connections.*}) once given a Micrometer registry through {@code setMetricRegistry}, also on
     * a running pool; called reflectively so the server does not depend on one pool implementation.
     */
    void bindDataSource(DataSource ds) {
        try {
            Method m = ds.getClass().getMethod("setMetricRegistry", Object.class);
            m.invoke(ds, registry);
        } catch (NoSuchMethodException e) {
            LOG.info("the database pool {} publishes no metrics", ds.getClass().getName());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot bind the database pool's metrics: {}", e.toString());
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
