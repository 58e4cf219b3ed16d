package org.openvtn.ven;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.openvtn.schemas.oadr20b.OadrCanceledOptType;
import org.openvtn.schemas.oadr20b.OadrCreatedOptType;
import org.openvtn.ven.protocol.Messages;
import org.openvtn.ven.protocol.Xml;
import org.openvtn.ven.transport.NettyHttpTransport;
import org.openvtn.ven.transport.PushServer;

/**
 * An OpenADR 2.0b VEN (pull model, or push with {@link VenClientBuilder#pushListener}; simple HTTP over mutual TLS; OpenADR 2.0b Profile Specification
 * §8 services EiRegisterParty, EiEvent, EiReport, EiOpt, OadrPoll).
 *
 * <pre>{@code
 * try (VenClient ven = VenClient.builder()
 *         .vtnUrl("https://vtn.example:8443")
 *         .venName("building-7")
 *         .pkcs12(Path.of("ven.p12"), password)
 *         .trustAnchorFile(Path.of("ca.crt"))
 *         .listener(new VenListener() {
 *             public void onEvent(DrEvent e) { System.out.println(e); }
 *         })
 *         .build()) {
 *     ven.start();          // query/register, request events, register reports, start polling
 *     ...
 * }
 * }</pre>
 *
 * <p>Every blocking method has an {@code *Async} twin returning {@link CompletableFuture}; blocking
 * methods throw {@link VenException} (never a JAXB, Netty or TLS exception). Do not call blocking
 * methods from a listener callback running on the default callback executor. Thread-safe.
 */
public final class VenClient implements AutoCloseable {

    private final VenSettings settings;
    private final VenRuntime runtime;
    private final boolean ownsRuntime;
    private final NettyHttpTransport transport;
    private final VenSession session;
    private final SerialExecutor serial;
    private final PushServer push;

    VenClient(VenSettings settings, VenRuntime runtime, boolean ownsRuntime, java.util.concurrent.Executor callbacks) {
        this.settings = settings;
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.transport = new NettyHttpTransport(runtime.io().next(), settings.ssl(), settings.uri(),
                settings.connectTimeout(), settings.readTimeout(), settings.retry(), settings.random(),
                settings.maxMessageBytes());
        this.serial = new SerialExecutor(runtime.workers());
        this.session = new VenSession(settings, transport, runtime.codec(), serial,
                callbacks != null ? callbacks : new SerialExecutor(runtime.workers()), runtime.io());
        PushSettings ps = settings.push();
        if (ps == null) {
            this.push = null;
            return;
        }
        String path = ps.url() == null ? "" : java.net.URI.create(ps.url()).getRawPath();
        SessionPush handler = new SessionPush(session, ps.vtnCertificates());
        try {
            this.push = PushServer.bind(runtime.io(), ps.ssl(), ps.host(), ps.port(), path == null ? "" : path,
                    settings.maxMessageBytes(), handler::handle);
        } catch (VenException e) {
            transport.close();
            if (ownsRuntime) {
                runtime.close();
            }
            throw e;
        }
        String host = ps.host().contains(":") && !ps.host().startsWith("[") ? "[" + ps.host() + "]" : ps.host();
        session.transportAddress = ps.url() != null ? ps.url() : "https://" + host + ":" + push.port();
    }

    /** A new builder; {@link VenClientBuilder#build()} validates and names the bad field. */
    public static VenClientBuilder builder() {
        return new VenClientBuilder();
    }

    /** The application's name for this VEN (oadrVenName). */
    public String venName() {
        return settings.venName();
    }

    /**
     * Registers (reusing a stored registration the VTN still knows, N1_0015), requests events
     * (rule 405), registers reports (rule 301) and starts polling (rule 500).
     */
    public CompletableFuture<RegistrationInfo> startAsync() {
        return onSession(() -> (session.registration() != null
                ? CompletableFuture.completedFuture(session.registration()) : session.register(false))
                .thenApplyAsync(r -> {
                    if (push == null) {
                        session.startPolling(); // a push VEN does not poll: the VTN posts to its listener
                    }
                    return r;
                }, serial));
    }

    /** Blocking twin of {@link #startAsync()}. */
    public RegistrationInfo start() {
        return await(startAsync());
    }

    /** Registers (or re-registers when {@code forceNew}) without starting the poll loop. */
    public CompletableFuture<RegistrationInfo> registerAsync(boolean forceNew) {
        return onSession(() -> session.register(forceNew));
    }

    /** Blocking twin of {@link #registerAsync(boolean)}. */
    public RegistrationInfo register(boolean forceNew) {
        return await(registerAsync(forceNew));
    }

    /** Polls now and drains the VTN's queue until it answers oadrResponse (rule 500). */
    public CompletableFuture<Void> pollAsync() {
        return onSession(() -> session.drain(0));
    }

    /** Blocking twin of {@link #pollAsync()}. */
    public void poll() {
        await(pollAsync());
    }

    /** Sends oadrRequestEvent and applies the answer (rule 405). */
    public CompletableFuture<Void> requestEventsAsync() {
        return onSession(session.distribution::requestEvents);
    }

    /** Blocking twin of {@link #requestEventsAsync()}. */
    public void requestEvents() {
        await(requestEventsAsync());
    }

    /** Changes the answer to an event, e.g. a late optOut (conformance rule 17), via oadrCreatedEvent. */
    public CompletableFuture<Void> respondAsync(String eventId, OptType opt) {
        return onSession(() -> session.distribution.respond(eventId, opt));
    }

    /** Blocking twin of {@link #respondAsync(String, OptType)}. */
    public void respond(String eventId, OptType opt) {
        await(respondAsync(eventId, opt));
    }

    /**
     * Sends an EiOpt availability schedule (oadrCreateOpt, P1_2010, rule 510) and returns its optID.
     *
     * @param opt           optIn (available) or optOut (unavailable) in the windows
     * @param reason        optReason, e.g. {@code participating}, {@code x-schedule}
     * @param marketContext the program, or null
     * @param windows       the windows
     */
    public CompletableFuture<String> createOptScheduleAsync(OptType opt, String reason, String marketContext,
                                                            List<AvailabilityWindow> windows) {
        String optId = Xml.newId();
        return onSession(() -> session.send(VenSession.OPT, Messages.createOpt(session.venId(), optId, opt, reason,
                marketContext, List.copyOf(windows), settings.clock().instant())).thenApply(m -> {
                    if (m instanceof OadrCreatedOptType c && Xml.code(c.getEiResponse()) != 200) {
                        throw VenException.protocol(Xml.code(c.getEiResponse()), "oadrCreateOpt refused");
                    }
                    VenSession.expectOk(m, "oadrCreateOpt");
                    return optId;
                }));
    }

    /** Blocking twin of {@link #createOptScheduleAsync}. */
    public String createOptSchedule(OptType opt, String reason, String marketContext, List<AvailabilityWindow> windows) {
        return await(createOptScheduleAsync(opt, reason, marketContext, windows));
    }

    /**
     * Opts in or out of one tracked event through EiOpt (oadrCreateOpt with {@code qualifiedEventID} at the event's
     * current modificationNumber, P1_2020) and returns its optID; {@link #cancelOptScheduleAsync} withdraws it.
     * Fails with 452 when the client does not track the event.
     */
    public CompletableFuture<String> createEventOptAsync(String eventId, OptType opt, String reason) {
        String optId = Xml.newId();
        return onSession(() -> {
            DrEvent e = session.events.event(eventId).orElseThrow(() ->
                    VenException.protocol(VenException.INVALID_ID, "unknown event " + eventId));
            return session.send(VenSession.OPT, Messages.createEventOpt(session.venId(), optId, opt, reason,
                    e.marketContext(), e.eventId(), e.modificationNumber(), settings.clock().instant())).thenApply(m -> {
                        if (m instanceof OadrCreatedOptType c && Xml.code(c.getEiResponse()) != 200) {
                            throw VenException.protocol(Xml.code(c.getEiResponse()), "oadrCreateOpt refused: "
                                    + c.getEiResponse().getResponseDescription());
                        }
                        VenSession.expectOk(m, "oadrCreateOpt");
                        return optId;
                    });
        });
    }

    /** Blocking twin of {@link #createEventOptAsync}. */
    public String createEventOpt(String eventId, OptType opt, String reason) {
        return await(createEventOptAsync(eventId, opt, reason));
    }

    /** Cancels an availability schedule (oadrCancelOpt, P1_2040). */
    public CompletableFuture<Void> cancelOptScheduleAsync(String optId) {
        return onSession(() -> session.send(VenSession.OPT, Messages.cancelOpt(session.venId(), optId)).thenAccept(m -> {
            if (m instanceof OadrCanceledOptType c && Xml.code(c.getEiResponse()) != 200) {
                throw VenException.protocol(Xml.code(c.getEiResponse()), "oadrCancelOpt refused");
            }
            VenSession.expectOk(m, "oadrCancelOpt");
        }));
    }

    /** Blocking twin of {@link #cancelOptScheduleAsync(String)}. */
    public void cancelOptSchedule(String optId) {
        await(cancelOptScheduleAsync(optId));
    }

    /** Cancels the registration (N1_0030), stops polling and clears the stored registration. */
    public CompletableFuture<Void> cancelRegistrationAsync() {
        return onSession(session::cancelRegistration);
    }

    /** Blocking twin of {@link #cancelRegistrationAsync()}. */
    public void cancelRegistration() {
        await(cancelRegistrationAsync());
    }

    /** The push listener's bound port (push VEN, {@link VenClientBuilder#pushListener}), or -1 for a pull VEN. */
    public int pushPort() {
        return push == null ? -1 : push.port();
    }

    /** The oadrTransportAddress this VEN registers with (push VEN), empty for a pull VEN. */
    public Optional<String> pushAddress() {
        return Optional.ofNullable(session.transportAddress);
    }

    /** The current registration. */
    public Optional<RegistrationInfo> registration() {
        return Optional.ofNullable(session.registration());
    }

    /** The events the client tracks (pending, active, and completed ones the VTN still lists). */
    public List<DrEvent> events() {
        return session.events.events();
    }

    /** The active report requests (reportRequestIDs). */
    public List<String> pendingReports() {
        return session.reports.pending();
    }

    /** Convenience: an event's current value of a signal now, from the client clock (rule 14). */
    public java.util.OptionalDouble currentValue(String eventId, String signalName) {
        Instant now = settings.clock().instant();
        return session.events.event(eventId).map(e -> e.currentValue(signalName, now))
                .orElse(java.util.OptionalDouble.empty());
    }

    /** Stops polling and timers, closes the connection; closes the runtime if the client created it. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            serial.execute(() -> {
                session.close();
                done.complete(null);
            });
            done.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException | java.util.concurrent.TimeoutException e) {
            // closing anyway
        }
        if (push != null) {
            push.close();
        }
        transport.close();
        if (ownsRuntime) {
            runtime.close();
        }
    }

    private <T> CompletableFuture<T> onSession(Supplier<CompletableFuture<T>> action) {
        CompletableFuture<T> out = new CompletableFuture<>();
        if (session.isClosed()) {
            out.completeExceptionally(new VenException(VenException.Kind.CLOSED, 0, "client closed", null));
            return out;
        }
        serial.execute(() -> {
            try {
                action.get().whenComplete((v, err) -> {
                    if (err != null) {
                        out.completeExceptionally(VenSession.unwrap(err));
                    } else {
                        out.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                out.completeExceptionally(VenSession.unwrap(e));
            }
        });
        return out;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenException(VenException.Kind.CLOSED, 0, "interrupted", e);
        } catch (ExecutionException e) {
            VenException v = VenSession.unwrap(e.getCause());
            throw new VenException(v.kind(), v.responseCode(), v.getMessage(), v);
        }
    }
}
