package org.openvtn.oadr3.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr3.store.Oadr3Object;
import org.openvtn.oadr3.store.Oadr3Store;

/**
 * The OpenADR 3.1 adapter's services, built once on the core (issue #20): programs and events are core objects,
 * VENs, resources, reports and subscriptions are 3.1 objects in the adapter's own table; reports also land in the
 * core telemetry store. Object privacy (3.1 Definition, "Object privacy"): a VEN client sees its own VENs,
 * resources, reports and subscriptions and the programs and events that target it; a BL client sees everything.
 */
public final class Oadr3Services {
    private final VtnCore core;
    private final Oadr3Store store;
    private final Oadr3Clients clients;
    private final Oadr3Tokens tokens;
    private final Oadr3Programs programs;
    private final Oadr3Events events;
    private final Oadr3VenObjects objects;
    private final Oadr3Notifications notifications;
    private volatile Oadr3ExternalAuth externalAuth;
    private volatile Oadr3ExternalTokens externalTokens;

    private Oadr3Services(VtnCore core, Oadr3Store store, Oadr3Tokens tokens) {
        this.core = core;
        this.store = store;
        this.tokens = tokens;
        this.clients = new Oadr3Clients(store, core.clock());
        this.programs = new Oadr3Programs(this);
        this.events = new Oadr3Events(this);
        this.objects = new Oadr3VenObjects(this);
        this.notifications = new Oadr3Notifications(this, new org.openvtn.oadr3.store.Oadr3OutboxStore(
                store.database()));
    }

    /**
     * @param dataDir       where the token signing key lives, null = in memory
     * @param tokenLifetime access token lifetime
     */
    public static Oadr3Services of(VtnCore core, Path dataDir, Duration tokenLifetime) {
        return new Oadr3Services(core, Oadr3Store.on(core.store()),
                Oadr3Tokens.open(dataDir, core.clock(), tokenLifetime));
    }

    public Oadr3Clients clients() {
        return clients;
    }

    public Oadr3Tokens tokens() {
        return tokens;
    }

    /**
     * Validates tokens of an external authorization server instead of this VTN's own (docs/openadr-3.md "External
     * authorization server"); the built-in token endpoint is then off.
     */
    public void useExternalAuth(Oadr3ExternalAuth auth) {
        this.externalTokens = new Oadr3ExternalTokens(auth, core.clock(), clients);
        this.externalAuth = auth;
    }

    /** @return the external authorization server, or null when this VTN issues its own tokens */
    public Oadr3ExternalAuth externalAuth() {
        return externalAuth;
    }

    /**
     * Verifies a bearer token: the external server's when configured, else this VTN's, whose client must still exist
     * with the token's role (a deleted client's tokens are refused at once).
     *
     * @throws Oadr3Exception 401
     */
    public Oadr3Caller verify(String token) {
        Oadr3ExternalTokens ext = externalTokens;
        if (ext != null) {
            return ext.verify(token);
        }
        Oadr3Caller caller = tokens.verify(token);
        if (!clients.current(caller.clientId(), caller.role())) {
            throw Oadr3Exception.unauthorized("the bearer token's client was deleted or changed");
        }
        return caller;
    }

    public Oadr3Programs programs() {
        return programs;
    }

    public Oadr3Events events() {
        return events;
    }

    public Oadr3VenObjects objects() {
        return objects;
    }

    /** @return the notifier decisions and outbox (webhooks, MQTT) */
    public Oadr3Notifications notifications() {
        return notifications;
    }

    VtnCore core() {
        return core;
    }

    Oadr3Store store() {
        return store;
    }

    Clock clock() {
        return core.clock();
    }

    /**
     * The strings a VEN client is targeted by: the names and targets of its VENs and of their resources (3.1
     * Definition: targets are matched against the VEN's and resources' targets; OpenVTN adds the names so a BL may
     * target a VEN by venName).
     */
    Set<String> audience(Oadr3Caller caller) {
        Set<String> out = new HashSet<>();
        for (String type : new String[] {Oadr3VenObjects.VEN, Oadr3VenObjects.RESOURCE}) {
            for (Oadr3Object o : store.list(type)) {
                if (caller.clientId().equals(o.clientId())) {
                    ObjectNode body = Oadr3Json.parse(o.body());
                    out.add(o.name());
                    out.addAll(Oadr3Json.strings(body.get("targets")));
                }
            }
        }
        out.remove(null);
        return out;
    }

    /** Adds objectMetadata (id, createdDateTime, modificationDateTime, objectType) to a stored body. */
    static ObjectNode withMetadata(ObjectNode body, Oadr3Object o) {
        ObjectNode out = Oadr3Json.object();
        out.put("id", o.id());
        out.put("createdDateTime", Oadr3Json.time(o.createdAt()));
        out.put("modificationDateTime", Oadr3Json.time(o.modifiedAt()));
        out.put("objectType", o.type());
        body.fields().forEachRemaining(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
