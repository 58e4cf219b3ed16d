package org.openvtn.oadr3.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openvtn.oadr3.store.Oadr3Client;
import org.openvtn.oadr3.store.Oadr3Store;

/**
 * The clients of the built-in token endpoint (operator-managed through the admin API): a client_id, a generated
 * secret (shown once, stored as salted SHA-256) and a role (BL or VEN, {@link Oadr3Roles}).
 */
public final class Oadr3Clients {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private final Oadr3Store store;
    private final Clock clock;
    /**
     * Clients by id, on the embedded database only (one process: every create and delete goes through this object and
     * drops its entry); with several nodes on PostgreSQL every check reads the table, so a client deleted on one node
     * is refused by all at once.
     */
    private final java.util.Map<String, Optional<Oadr3Client>> known = new java.util.concurrent.ConcurrentHashMap<>();

    public Oadr3Clients(Oadr3Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A newly created client and its secret (returned once, never stored in clear). */
    public record Created(String clientId, String clientSecret, String role) {
    }

    /**
     * @throws IllegalArgumentException naming {@code clientId} or {@code role}
     * @throws Oadr3Exception 409 when the client exists
     */
    public Created create(String clientId, String role) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("clientId: 1-128 characters of A-Z a-z 0-9 . _ ~ -");
        }
        String r = Oadr3Roles.normalise(role);
        byte[] secretBytes = new byte[24];
        RANDOM.nextBytes(secretBytes);
        String secret = HEX.formatHex(secretBytes);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        try {
            return store.database().inTransaction(() -> {
                if (store.client(clientId).isPresent()) {
                    throw Oadr3Exception.conflict("client " + clientId + " exists");
                }
                store.insertClient(new Oadr3Client(clientId, HEX.formatHex(salt) + ":" + hash(salt, secret), r,
                        clock.instant()));
                return new Created(clientId, secret, r);
            });
        } finally {
            known.remove(clientId); // after the commit: a check made meanwhile may have remembered "no such client"
        }
    }

    /**
     * Records a client of an external authorization server with its role and no secret (it cannot use the
     * built-in token endpoint), so the notifier knows a subscription owner's role.
     */
    void remember(String clientId, String role) {
        try {
            rememberInStore(clientId, role);
        } finally {
            known.remove(clientId);
        }
    }

    private void rememberInStore(String clientId, String role) {
        store.database().inTransaction(() -> {
            var old = store.client(clientId);
            if (old.isPresent() && old.get().role().equals(role)) {
                return null;
            }
            old.ifPresent(c -> store.deleteClient(clientId));
            store.insertClient(new Oadr3Client(clientId, EXTERNAL, role, clock.instant()));
            return null;
        });
    }

    /** secretHash of a client known from an external authorization server's token: matches no secret. */
    static final String EXTERNAL = "external";

    /** @return the client when the secret matches (constant-time comparison) */
    public Optional<Oadr3Client> authenticate(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return Optional.empty();
        }
        return store.client(clientId).filter(c -> {
            String[] parts = c.secretHash().split(":", 2);
            if (parts.length != 2) {
                return false;
            }
            byte[] expected = HEX.parseHex(parts[1]);
            byte[] actual = HEX.parseHex(hash(HEX.parseHex(parts[0]), secret));
            return MessageDigest.isEqual(expected, actual);
        });
    }

    public List<Oadr3Client> list() {
        return store.clients();
    }

    public boolean delete(String clientId) {
        known.remove(clientId);
        try {
            return store.deleteClient(clientId);
        } finally {
            known.remove(clientId);
        }
    }

    /**
     * Whether a token this VTN issued to {@code clientId} with {@code role} still speaks for a client: the client exists
     * and still has that role. Deleting a client through the admin API revokes its tokens at once, not only when they
     * expire (secure by default: revocation is honoured).
     */
    public boolean current(String clientId, String role) {
        Optional<Oadr3Client> client = store.database().singleProcess()
                ? known.computeIfAbsent(clientId, store::client)
                : store.client(clientId);
        return client.filter(c -> c.role().equals(role)).isPresent();
    }

    private static String hash(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HEX.formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
