package org.openvtn.sep.http;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.openvtn.schemas.CsipAusBinding;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.sep.service.DeviceDataService;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Resources that only exist with CSIP-AUS 1.3 bound: the EndDevice's {@code ConnectionPoint} (csipaus-ext-v1.3.xsd
 * ConnectionPointType, linked from EndDevice by csipaus:ConnectionPointLink), which the client PUTs with its
 * {@code connectionPointId} (the NMI of the site in Australia) and may read back (CSIP-AUS 1.3 §2, connection point
 * identification). Before the first PUT it reads with an empty {@code connectionPointId}.
 */
final class CsipAusRoutes {
    private final CsipAusBinding binding;
    private final DeviceDataService data;

    CsipAusRoutes(CsipAusBinding binding, DeviceDataService data) {
        this.binding = binding;
        this.data = data;
    }

    List<SepRoutes.Route> routes(SepRoutes all) {
        return List.of(SepRoutes.route(SepRoutes.E + "/cp", Set.of("GET", "HEAD", "PUT"),
                (c, m) -> connectionPoint(all, c, m)));
    }

    private SepReply connectionPoint(SepRoutes all, SepRoutes.Call c, Matcher m) {
        SepEndDevice d = all.device(c, m);
        if ("PUT".equals(c.method())) {
            String id;
            try {
                id = binding.connectionPoint(c.bytes());
            } catch (XmlCodecException e) {
                int reason = e.kind() == XmlCodecException.Kind.SCHEMA_INVALID ? SepException.INVALID_VALUES
                        : SepException.INVALID_FORMAT;
                throw SepException.badRequest(reason, "invalid ConnectionPoint: " + e.getMessage());
            }
            boolean created = data.putConnectionPoint(d, id);
            return created ? SepReply.created(SepPaths.cp(d.id())) : SepReply.noContent();
        }
        // The EndDevice advertises the link so the client can PUT to it, and an advertised link resolves (CSIP
        // CORE-002): before the first PUT the ConnectionPoint reads with an empty connectionPointId (String32
        // allows it; docs/ieee-2030.5.md).
        String id = data.connectionPoint(d).orElse("");
        try {
            return SepReply.ok(binding.connectionPoint(SepPaths.cp(d.id()), id));
        } catch (XmlCodecException e) {
            throw new IllegalStateException("stored connectionPointId no longer encodes", e);
        }
    }
}
