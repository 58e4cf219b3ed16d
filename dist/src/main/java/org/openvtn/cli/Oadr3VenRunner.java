package org.openvtn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.oadr3.client.Oadr3ClientConfig;
import org.openvtn.oadr3.client.Oadr3ClientException;
import org.openvtn.oadr3.client.Oadr3Event;
import org.openvtn.oadr3.client.Oadr3VenClient;
import org.openvtn.oadr3.client.Oadr3VenClientBuilder;
import org.openvtn.oadr3.client.Oadr3VenListener;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code openvtn ven --oadr3}: one simulated OpenADR 3.1 VEN that prints each event change on one line. */
final class Oadr3VenRunner {

    /** The 3.1 flags of {@code openvtn ven}. */
    static final class Flags {
        @Option(names = "--url", paramLabel = "URL", converter = CliTypes.UrlText.class,
                description = "With --oadr3: the 3.1 API base URL, e.g. https://localhost:8445/openadr3/3.1.0")
        String url;
        @Option(names = "--client-id", paramLabel = "ID", description = "With --oadr3: OAuth2 client id (a VEN client).")
        String clientId;
        @Option(names = "--client-secret-file", paramLabel = "FILE", converter = CliTypes.InputFile.class,
                description = "With --oadr3: file holding the client secret (first line).")
        Path secretFile;
        @Option(names = "--poll", paramLabel = "D", converter = CliTypes.PositiveDuration.class,
                description = "With --oadr3: polling fallback interval, ISO-8601 (default PT10S).")
        Duration poll;
        @Option(names = "--webhook-listen", paramLabel = "HOST:PORT",
                description = "With --oadr3: serve an HTTPS webhook receiver (key from --p12) and subscribe to events.")
        String webhookListen;
        @Option(names = "--webhook-url", paramLabel = "URL", converter = CliTypes.UrlText.class,
                description = "With --oadr3: the callback URL the VTN should call (NAT, port forwarding).")
        String webhookUrl;
        @Option(names = "--no-mqtt", description = "With --oadr3: do not use the VTN's MQTT notifier.")
        boolean noMqtt;
        @Option(names = "--mqtt-username", paramLabel = "NAME",
                description = "With --oadr3: user name at the VTN's MQTT broker (with --mqtt-password-file); the"
                        + " broker's TLS client certificate is the --p12 key.")
        String mqttUsername;
        @Option(names = "--mqtt-password-file", paramLabel = "FILE", converter = CliTypes.InputFile.class,
                description = "With --oadr3: owner-only file holding the MQTT broker password (first line).")
        Path mqttPasswordFile;

        /** @return the first 3.1 flag given, or null */
        String any() {
            return url != null ? "--url" : clientId != null ? "--client-id" : secretFile != null ? "--client-secret-file"
                    : poll != null ? "--poll" : webhookListen != null ? "--webhook-listen" : webhookUrl != null
                    ? "--webhook-url" : noMqtt ? "--no-mqtt" : mqttUsername != null ? "--mqtt-username"
                    : mqttPasswordFile != null ? "--mqtt-password-file" : null;
        }
    }

    private final CommandSpec spec;
    private final Flags f;
    private final Path ca;
    private final Path p12;
    private final String password;
    private final String name;
    private final Duration duration;
    private final int stopAfterEvents;
    private final AtomicInteger events = new AtomicInteger();

    Oadr3VenRunner(CommandSpec spec, Flags f, Path ca, Path p12, String password, String name, Duration duration,
                   int stopAfterEvents) {
        this.spec = spec;
        this.f = f;
        this.ca = ca;
        this.p12 = p12;
        this.password = password;
        this.name = name;
        this.duration = duration;
        this.stopAfterEvents = stopAfterEvents;
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    int run(PrintWriter out) throws IOException, InterruptedException {
        if (f.url == null || f.clientId == null || f.secretFile == null || ca == null) {
            throw bad("--oadr3 needs " + (f.url == null ? "--url URL" : f.clientId == null ? "--client-id ID"
                    : f.secretFile == null ? "--client-secret-file FILE" : "--ca FILE"));
        }
        String secret = Files.readAllLines(f.secretFile).stream().findFirst().orElse("").strip();
        if (secret.isEmpty()) {
            throw bad("--client-secret-file " + f.secretFile + ": empty");
        }
        Oadr3ClientConfig config;
        Oadr3VenClientBuilder b;
        try {
            Oadr3ClientConfig.Builder cb = Oadr3ClientConfig.builder().baseUrl(f.url).clientId(f.clientId)
                    .clientSecret(secret).trustAnchorFile(ca);
            if (p12 != null) {
                cb.pkcs12(p12, password.toCharArray());
            }
            if ((f.mqttUsername == null) != (f.mqttPasswordFile == null)) {
                throw bad("--mqtt-username and --mqtt-password-file go together");
            }
            if (f.mqttUsername != null) {
                cb.mqttCredentials(f.mqttUsername, f.mqttPasswordFile);
            }
            config = cb.build();
            b = Oadr3VenClient.builder().config(config).venName(name != null ? name : f.clientId)
                    .pollInterval(f.poll != null ? f.poll : Duration.ofSeconds(10)).mqtt(!f.noMqtt);
            if (f.webhookListen != null) {
                if (p12 == null) {
                    throw bad("--webhook-listen needs --p12 FILE (the receiver's HTTPS key)");
                }
                int colon = f.webhookListen.lastIndexOf(':');
                int port = colon < 0 ? -1 : parsePort(f.webhookListen.substring(colon + 1));
                if (colon <= 0 || port < 0) {
                    throw bad("--webhook-listen " + f.webhookListen + ": expected HOST:PORT");
                }
                b.webhook(f.webhookListen.substring(0, colon), port, f.webhookUrl, p12, password.toCharArray());
            } else if (f.webhookUrl != null) {
                throw bad("--webhook-url needs --webhook-listen HOST:PORT");
            }
        } catch (IllegalArgumentException e) {
            throw bad(flagNames(e.getMessage()));
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(done::countDown, "openvtn-ven-stop"));
        try (Oadr3VenClient ven = b.listener(listener(out, done)).build()) {
            var v = ven.start();
            line(out, "OpenADR 3.1 VEN '" + v.path("venName").asText() + "' id " + v.path("id").asText() + " at "
                    + f.url + " (poll every " + (f.poll != null ? f.poll : Duration.ofSeconds(10))
                    + (ven.webhookPort() >= 0 ? ", webhook on port " + ven.webhookPort() : "")
                    + (ven.mqttConnected() ? ", MQTT" : "") + ")");
            if (duration != null) {
                done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                done.await();
            }
        } catch (Oadr3ClientException e) {
            line(out, "error " + e.getMessage());
            return 1;
        }
        line(out, "events seen " + events.get() + " (final)");
        return 0;
    }

    /** The client library names builder fields; the command line names flags. */
    static String flagNames(String message) {
        String m = message == null ? "invalid option" : message;
        String[][] names = {{"webhook pkcs12", "--p12"}, {"trustAnchorFile", "--ca"}, {"pkcs12", "--p12"},
            {"baseUrl", "--url"}, {"venName", "--name"}, {"pollInterval", "--poll"}, {"webhook publicUrl", "--webhook-url"},
            {"mqttPasswordFile", "--mqtt-password-file"}, {"mqttUsername", "--mqtt-username"}};
        for (String[] n : names) {
            if (m.startsWith(n[0])) {
                return n[1] + m.substring(n[0].length());
            }
        }
        return m;
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            return p >= 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Oadr3VenListener listener(PrintWriter out, CountDownLatch done) {
        return new Oadr3VenListener() {
            @Override
            public void onEvent(Oadr3Event e) {
                line(out, "event " + describe(e));
                if (events.incrementAndGet() >= stopAfterEvents && stopAfterEvents > 0) {
                    done.countDown();
                }
            }

            @Override
            public void onEventModified(Oadr3Event e, Oadr3Event previous) {
                line(out, "modified " + describe(e) + " (was modified " + previous.modificationDateTime() + ")");
            }

            @Override
            public void onEventCancelled(Oadr3Event e) {
                line(out, "cancelled " + e.id());
            }

            @Override
            public void onError(Oadr3ClientException e) {
                line(out, "error " + e.getMessage());
            }
        };
    }

    private static String describe(Oadr3Event e) {
        return e.id() + " program " + e.programId() + (e.eventName() == null ? "" : " '" + e.eventName() + "'")
                + " start " + e.start() + " for " + e.duration() + " intervals " + e.intervals().stream()
                .map(i -> i.payloads().stream().map(p -> p.type() + "=" + p.values()).toList()).toList();
    }

    private static void line(PrintWriter out, String s) {
        synchronized (out) {
            out.println(Instant.now().toString().substring(11, 19) + " " + s);
            out.flush();
        }
    }
}
