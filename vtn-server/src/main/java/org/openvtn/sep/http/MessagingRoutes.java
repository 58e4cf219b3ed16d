package org.openvtn.sep.http;

import java.util.List;
import java.util.regex.Matcher;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.MessagingProgramListLink;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.MessagingResources;
import org.openvtn.sep.service.MessagingService;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.store.JdbcMessageStore;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The Messaging function set's URLs (IEEE 2030.5-2018 §10.6; layout in {@link SepPaths}): the MessagingProgramList
 * of each FunctionSetAssignments, the MessagingProgram, its TextMessageList and ActiveTextMessageList (subscribable)
 * and each TextMessage.
 */
final class MessagingRoutes {
    private static final String MSG = SepRoutes.E + "/msg/" + SepRoutes.P;

    private final MessagingService messaging;
    private final MessagingResources resources;

    MessagingRoutes(MessagingService messaging, MessagingResources resources) {
        this.messaging = messaging;
        this.resources = resources;
    }

    List<SepRoutes.Route> routes(SepRoutes all) {
        return List.of(
                SepRoutes.route(SepRoutes.E + "/fsa/" + SepRoutes.P + "/msg", SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    Program p = all.program(m);
                    return SepReply.ok(resources.programList(d, p, ListQuery.parse(c.query()).page(List.of(p), null),
                            messaging.visible(d, p.id(), false).size(), messaging.visible(d, p.id(), true).size()));
                }),
                SepRoutes.route(MSG, SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    Program p = all.program(m);
                    return SepReply.ok(resources.program(d, p, messaging.visible(d, p.id(), false).size(),
                            messaging.visible(d, p.id(), true).size()));
                }),
                SepRoutes.route(MSG + "/txt", SepRoutes.GET, (c, m) -> list(all, c, m, false)),
                SepRoutes.route(MSG + "/acttxt", SepRoutes.GET, (c, m) -> list(all, c, m, true)),
                SepRoutes.route(MSG + "/txt/" + SepRoutes.MRID, SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    Program p = all.program(m);
                    SepControl x = messaging.visible(d, p.id(), false).stream()
                            .filter(t -> resources.href(d, t).endsWith("/" + m.group(3).toUpperCase(
                                    java.util.Locale.ROOT))).findFirst()
                            .orElseThrow(() -> SepException.notFound("no TextMessage " + m.group(3)));
                    return SepReply.ok(resources.message(d, x, stored(p, x)));
                }));
    }

    /** Adds the MessagingProgramListLink to a FunctionSetAssignments (one MessagingProgram per program). */
    FunctionSetAssignments links(FunctionSetAssignments f, SepEndDevice d, Program p) {
        MessagingProgramListLink l = new MessagingProgramListLink();
        l.setHref(SepPaths.msgList(d.id(), p.id()));
        l.setAll(1L);
        f.setMessagingProgramListLink(l);
        return f;
    }

    private SepReply list(SepRoutes all, SepRoutes.Call c, Matcher m, boolean active) {
        SepEndDevice d = all.device(c, m);
        Program p = all.program(m);
        List<SepControl> items = messaging.visible(d, p.id(), active);
        String href = active ? SepPaths.actTxtList(d.id(), p.id()) : SepPaths.txtList(d.id(), p.id());
        List<JdbcMessageStore.Message> stored = messaging.list(p.id());
        return SepReply.ok(resources.list(href, d, ListQuery.parse(c.query()).page(items,
                x -> x.start().getEpochSecond()), x -> find(stored, x)));
    }

    private JdbcMessageStore.Message stored(Program p, SepControl x) {
        return find(messaging.list(p.id()), x);
    }

    private static JdbcMessageStore.Message find(List<JdbcMessageStore.Message> stored, SepControl x) {
        return stored.stream().filter(s -> ("txt:" + s.id()).equals(x.key())).findFirst()
                .orElseThrow(() -> SepException.notFound("TextMessage " + x.key() + " is gone"));
    }
}
