package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.testing.TestMosquitto;
import org.openvtn.oadr3.client.Oadr3BlClient;
import org.openvtn.oadr3.client.Oadr3ClientConfig;
import picocli.CommandLine;

/**
 * Issue #20: {@code openvtn dev --mqtt tcp://...} publishes the 3.1 notifications to a real Mosquitto, and
 * {@code openvtn ven --oadr3} (polling only once an hour) prints an event the BL creates after it started: the event
 * can only have come through the broker. The MQTT credential flags go together.
 */
class VenOadr3MqttCommandTest {

    @TempDir
    Path data;

    @Test
    void devWithMqttNotifiesTheCliVenThroughTheBroker() throws Exception {
        try (TestMosquitto broker = TestMosquitto.start(data)) {
            DevCommand dev = new DevCommand();
            CommandLine devCl = new CommandLine(dev);
            devCl.setOut(new PrintWriter(new StringWriter()));
            devCl.parseArgs("--data", data.resolve("vtn").toString(), "--oadr-port", "0", "--admin-port", "0",
                    "--sep-port", "0", "--oadr3-port", "0", "--vens", "1", "--mqtt", broker.url());
            try (DevCommand.Running running = dev.start()) {
                String base = running.vtn().oadr3().orElseThrow().baseUri();
                Properties clients = new Properties();
                clients.load(new StringReader(Files.readString(data.resolve("vtn/" + Oadr3DevClients.CLIENTS_FILE))));
                Path pki = data.resolve("vtn/pki");
                Oadr3BlClient bl = Oadr3BlClient.connect(Oadr3ClientConfig.builder().baseUrl(base).clientId("dev-bl")
                        .clientSecret(clients.getProperty("dev-bl")).trustAnchorFile(pki.resolve("ca.crt")).build());
                String program = bl.programs().create(Oadr3BlClient.json("{\"programName\":\"cli-mqtt\"}"))
                        .get("id").asText();
                Path secret = Files.writeString(data.resolve("ven.secret"), clients.getProperty("dev-ven") + "\n");

                StringWriter out = new StringWriter();
                CommandLine cl = OpenVtn.commandLine();
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(out, true));
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("ven", "--oadr3",
                        "--url", base, "--client-id", "dev-ven", "--client-secret-file", secret.toString(), "--ca",
                        pki.resolve("ca.crt").toString(), "--name", "cli-mqtt-ven", "--poll", "PT1H",
                        "--stop-after-events", "1", "--duration", "PT120S"));
                awaitOutput(out, "OpenADR 3.1 VEN 'cli-mqtt-ven'");
                assertTrue(out.toString().contains(", MQTT)"), out.toString());
                String event = bl.events().create(Oadr3BlClient.json("""
                        {"programID":"%s","eventName":"via-mqtt","intervalPeriod":{"start":"2030-01-01T00:00:00Z",
                         "duration":"PT1H"},"intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[1]}]}]}"""
                        .formatted(program))).get("id").asText();
                assertEquals(0, exit.get(150, TimeUnit.SECONDS), out.toString());
                assertTrue(out.toString().contains("event " + event + " program " + program + " 'via-mqtt'"),
                        out.toString());
            }
        }
    }

    @Test
    void mqttUsernameNeedsThePasswordFile() throws Exception {
        Path secret = Files.writeString(data.resolve("s"), "x\n");
        StringWriter out = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int exit = cl.execute("ven", "--oadr3", "--url", "https://127.0.0.1:1/openadr3/3.1.0", "--client-id", "v",
                "--client-secret-file", secret.toString(), "--ca", secret.toString(), "--mqtt-username", "v");
        assertEquals(2, exit, out.toString());
        assertTrue(out.toString().contains("--mqtt-username and --mqtt-password-file go together"), out.toString());
    }

    private static void awaitOutput(StringWriter out, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!out.toString().contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no '" + text + "' within 90 s: " + out);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
