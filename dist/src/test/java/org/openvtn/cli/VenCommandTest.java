package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.server.VtnServer;
import picocli.CommandLine;

/**
 * {@code openvtn ven} against a real {@code openvtn dev} server over mutual TLS: a fleet registers and every VEN
 * receives an event the operator created through the admin API for all VENs; a single VEN prints the event line.
 */
class VenCommandTest {

    @TempDir
    Path data;

    @Test
    void fleetAndSingleVenSeeAnOperatorEvent() throws Exception {
        DevCommand dev = new DevCommand();
        CommandLine devCl = new CommandLine(dev);
        devCl.setOut(new PrintWriter(new StringWriter()));
        devCl.parseArgs("--data", data.resolve("vtn").toString(), "--oadr-port", "0", "--admin-port", "0", "--sep-port", "0", "--oadr3-port", "-1", "--vens", "3");
        try (DevCommand.Running running = dev.start()) {
            VtnServer server = running.vtn();
            String token = Files.readString(data.resolve("vtn/admin-token")).strip();
            String admin = server.adminBaseUri().orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            String program = post(http, admin + "/programs", token, "{\"name\":\"CPP\",\"marketContext\":\"http://MarketContext1\"}");
            Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(program);
            assertTrue(m.find(), program);
            post(http, admin + "/events", token, "{\"programId\":\"" + m.group(1) + "\",\"start\":\"2030-01-01T14:00:00Z\","
                    + "\"signals\":[{\"name\":\"SIMPLE\",\"type\":\"level\",\"intervals\":[{\"duration\":\"PT1H\",\"value\":2}]}],"
                    + "\"targets\":{\"all\":true},\"responseRequired\":\"always\"}");

            Path pki = data.resolve("vtn/pki");
            String url = server.oadrBaseUri().toString();
            StringWriter fleetOut = new StringWriter();
            int exit = run(fleetOut, "ven", "--vtn", url, "--fleet", "3", "--pki", pki.toString(),
                    "--state", data.resolve("state").toString(), "--stop-after-events", "3", "--duration", "PT90S");
            assertEquals(0, exit, fleetOut.toString());
            assertTrue(fleetOut.toString().contains("vens 3, registered 3, events seen 3, errors 0 (final)"), fleetOut.toString());

            StringWriter singleOut = new StringWriter();
            exit = run(singleOut, "ven", "--vtn", url, "--cert", pki.resolve("ven/ven-rsa-0001-chain.crt").toString(),
                    "--key", pki.resolve("ven/ven-rsa-0001.key").toString(), "--ca", pki.resolve("ca.crt").toString(),
                    "--state", data.resolve("state").toString(), "--stop-after-events", "1", "--duration", "PT60S");
            assertEquals(0, exit, singleOut.toString());
            assertTrue(singleOut.toString().contains("registered as venID "), singleOut.toString());
            assertTrue(singleOut.toString().contains(" signals [SIMPLE] response ALWAYS"), singleOut.toString());
        }
    }

    @Test
    void aFleetLargerThanThePkiIsRefusedWithTheFix() throws Exception {
        Files.createDirectories(data.resolve("pki/ven"));
        StringWriter out = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("ven", "--vtn", "https://127.0.0.1:1/OpenADR2/Simple/2.0b", "--fleet", "5", "--pki",
                data.resolve("pki").toString());
        assertEquals(2, exit);
        assertTrue(err.toString().contains("openvtn pki init --dir DIR --ven 5"), err.toString());
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }

    private static String post(HttpClient http, String url, String token, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, r.statusCode() + " " + r.body());
        return r.body();
    }
}
