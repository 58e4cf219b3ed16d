package org.openvtn.admin;

import java.util.List;
import org.openvtn.admin.api.Oadr3ClientInput;
import org.openvtn.admin.api.Oadr3ClientJson;
import org.openvtn.core.VtnException;
import org.openvtn.oadr3.service.Oadr3Clients;
import org.openvtn.oadr3.service.Oadr3Exception;
import org.openvtn.oadr3.service.Oadr3Services;

/**
 * Admin API of the OpenADR 3.1 adapter ({@code /api/v1/oadr3/...}; issue #20): the clients of the built-in
 * client-credentials token endpoint and their roles. Without a 3.1 listener the routes answer 404.
 */
final class AdminOadr3 {
    private final Oadr3Services services;

    AdminOadr3(Oadr3Services services) {
        this.services = services;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/oadr3/clients", c -> clients().list().stream()
                        .map(k -> new Oadr3ClientJson(k.clientId(), k.role(), k.createdAt().toString(), null)).toList()),
                AdminRoute.create("/oadr3/clients", c -> {
                    Oadr3ClientInput in = c.body(Oadr3ClientInput.class);
                    try {
                        Oadr3Clients.Created k = clients().create(in.clientId(), in.role());
                        String created = clients().list().stream().filter(x -> x.clientId().equals(k.clientId()))
                                .findFirst().map(x -> x.createdAt().toString()).orElse(null);
                        return new Oadr3ClientJson(k.clientId(), k.role(), created, k.clientSecret());
                    } catch (IllegalArgumentException e) {
                        String msg = e.getMessage();
                        throw VtnException.invalidData(msg.substring(0, Math.max(0, msg.indexOf(':'))), msg);
                    } catch (Oadr3Exception e) {
                        throw AdminHandler.error(409, "clientId", e.getMessage());
                    }
                }),
                AdminRoute.delete("/oadr3/clients/{clientId}", c -> {
                    String id = c.param("clientId");
                    Oadr3ClientJson gone = clients().list().stream().filter(k -> k.clientId().equals(id)).findFirst()
                            .map(k -> new Oadr3ClientJson(k.clientId(), k.role(), k.createdAt().toString(), null))
                            .orElseThrow(() -> AdminHandler.notFound("OpenADR 3.1 client", id));
                    clients().delete(id);
                    return gone;
                }));
    }

    private Oadr3Clients clients() {
        if (services == null) {
            throw AdminHandler.error(404, null, "the OpenADR 3.1 listener is not configured");
        }
        return services.clients();
    }
}
