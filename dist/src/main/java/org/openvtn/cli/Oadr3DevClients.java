package org.openvtn.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.openvtn.certs.pki.SecretFiles;
import org.openvtn.oadr3.service.Oadr3Clients;
import org.openvtn.oadr3.service.Oadr3Services;

/**
 * {@code openvtn dev}'s OpenADR 3.1 clients (issue #20): a BL client {@value #BL} and a VEN client {@value #VEN},
 * created on first start with their secrets kept owner-only in {@value #CLIENTS_FILE}, and a fresh access token for
 * each on every start, written owner-only to {@value #TOKENS_FILE}.
 */
final class Oadr3DevClients {
    static final String BL = "dev-bl";
    static final String VEN = "dev-ven";
    static final String CLIENTS_FILE = "oadr3-dev-clients.properties";
    static final String TOKENS_FILE = "oadr3-dev-tokens.properties";

    /** The printed tokens and where clients and tokens are saved. */
    record Tokens(String bl, String ven, Path clientsFile, Path tokensFile) {
    }

    private Oadr3DevClients() {
    }

    static Tokens prepare(Path data, Oadr3Services services) throws IOException {
        Path clients = data.resolve(CLIENTS_FILE);
        if (!Files.isRegularFile(clients)) {
            StringBuilder sb = new StringBuilder("# openvtn dev: OpenADR 3.1 clients (POST /auth/token with these)\n");
            for (String[] c : new String[][] {{BL, "BL"}, {VEN, "VEN"}}) {
                services.clients().delete(c[0]); // a client left from an earlier data directory state
                Oadr3Clients.Created k = services.clients().create(c[0], c[1]);
                sb.append(c[0]).append('=').append(k.clientSecret()).append('\n');
            }
            SecretFiles.write(clients, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(clients, StandardCharsets.UTF_8)));
        if (p.getProperty(BL) == null || p.getProperty(VEN) == null) {
            throw new IOException(clients + ": expected " + BL + " and " + VEN + "; delete it to create new clients");
        }
        String bl = services.tokens().issue(BL, "BL").accessToken();
        String ven = services.tokens().issue(VEN, "VEN").accessToken();
        Path tokens = data.resolve(TOKENS_FILE);
        SecretFiles.write(tokens, ("# openvtn dev: OpenADR 3.1 access tokens of this start\nbl=" + bl + "\nven=" + ven
                + "\n").getBytes(StandardCharsets.UTF_8));
        return new Tokens(bl, ven, clients, tokens);
    }
}
