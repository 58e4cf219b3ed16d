package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.oadr3.client.Oadr3BlClient;
import org.openvtn.oadr3.client.Oadr3ClientConfig;
import picocli.CommandLine;

/**
 * {@code openvtn ven --oadr3} (issue #20) against a real {@code openvtn dev} with its OpenADR 3.1 listener: an event
 * created by the dev BL client through the 3.1 API is printed by the simulated 3.1 VEN (client credentials of
 * {@code dev-ven}, polling fallback), which then stops with exit 0.
 */
class VenOadr3CommandTest {

    @TempDir
    Path data;

    @Test
    void aThreeOneVenPrintsAnEventOfTheBl() throws Exception {
        DevCommand dev = new DevCommand();
        CommandLine devCl = new CommandLine(dev);
        devCl.setOut(new PrintWriter(new StringWriter()));
        devCl.parseArgs("--data", data.resolve("vtn").toString(), "--oadr-port", "0", "--admin-port", "0",
                "--sep-port", "0", "--oadr3-port", "0", "--vens", "1");
        try (DevCommand.Running running = dev.start()) {
            String base = running.vtn().oadr3().orElseThrow().baseUri();
            Properties clients = new Properties();
            clients.load(new StringReader(Files.readString(data.resolve("vtn/" + Oadr3DevClients.CLIENTS_FILE))));
            Path pki = data.resolve("vtn/pki");
            Path p12 = pki.resolve("ven/ven-ecc-0001.p12");
            Oadr3BlClient bl = Oadr3BlClient.connect(Oadr3ClientConfig.builder().baseUrl(base).clientId("dev-bl")
                    .clientSecret(clients.getProperty("dev-bl")).trustAnchorFile(pki.resolve("ca.crt"))
                    .pkcs12(p12, "changeit".toCharArray()).build());
            String program = bl.programs().create(Oadr3BlClient.json("{\"programName\":\"cli-31\"}")).get("id")
                    .asText();
            String event = bl.events().create(Oadr3BlClient.json("""
                    {"programID":"%s","eventName":"cli","intervalPeriod":{"start":"2030-01-01T00:00:00Z",
                     "duration":"PT1H"},"intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[1]}]}]}"""
                    .formatted(program))).get("id").asText();
            Path secret = Files.writeString(data.resolve("ven.secret"), clients.getProperty("dev-ven") + "\n");

            StringWriter out = new StringWriter();
            CommandLine cl = OpenVtn.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(out));
            int exit = cl.execute("ven", "--oadr3", "--url", base, "--client-id", "dev-ven", "--client-secret-file",
                    secret.toString(), "--ca", pki.resolve("ca.crt").toString(), "--p12", p12.toString(),
                    "--name", "cli-ven", "--no-mqtt", "--stop-after-events", "1", "--duration", "PT60S");
            assertEquals(0, exit, out.toString());
            assertTrue(out.toString().contains("OpenADR 3.1 VEN 'cli-ven'"), out.toString());
            assertTrue(out.toString().contains("event " + event + " program " + program + " 'cli'"), out.toString());
            assertTrue(out.toString().contains("events seen 1 (final)"), out.toString());
        }
    }
}
