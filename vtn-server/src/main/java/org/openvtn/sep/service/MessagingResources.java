package org.openvtn.sep.service;

import org.openvtn.core.Program;
import org.openvtn.schemas.sep.ActiveTextMessageListLink;
import org.openvtn.schemas.sep.MessagingProgram;
import org.openvtn.schemas.sep.MessagingProgramList;
import org.openvtn.schemas.sep.PriorityType;
import org.openvtn.schemas.sep.TextMessage;
import org.openvtn.schemas.sep.TextMessageList;
import org.openvtn.schemas.sep.TextMessageListLink;
import org.openvtn.sep.store.JdbcMessageStore;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Messaging function set documents (IEEE 2030.5-2018 §10.6; sep.xsd MessagingProgram, TextMessage): one
 * MessagingProgram per core program (locale {@value #LOCALE}, the program's primacy) and the operator's
 * TextMessages ({@link MessagingService}) as events, with replyTo = the program's ResponseList and responseRequired
 * 01 (message received; docs/ieee-2030.5.md "Messaging").
 */
public final class MessagingResources {
    /** MessagingProgram.locale: the operator's messages are not localised. */
    public static final String LOCALE = "en";

    private final long pollRate;
    private final SepMrids mrids;
    private final ControlResources controls;

    public MessagingResources(long pollRate, SepMrids mrids, ControlResources controls) {
        this.pollRate = pollRate;
        this.mrids = mrids;
        this.controls = controls;
    }

    /** @return the FSA's MessagingProgramList page (one MessagingProgram per program) */
    public MessagingProgramList programList(SepEndDevice d, Program p, ListQuery.Page<Program> page, long messages,
                                            long active) {
        MessagingProgramList l = new MessagingProgramList();
        l.setHref(SepPaths.msgList(d.id(), p.id()));
        l.setSubscribable((short) 0);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(x -> l.getMessagingProgram().add(program(d, x, messages, active)));
        return l;
    }

    /** @return the MessagingProgram with its (active) TextMessageList links */
    public MessagingProgram program(SepEndDevice d, Program p, long messages, long active) {
        MessagingProgram r = new MessagingProgram();
        r.setHref(SepPaths.msg(d.id(), p.id()));
        r.setSubscribable((short) 0);
        r.setMRID(mrids.type("msg:" + p.id()));
        r.setDescription(SepResources.description(p.name()));
        r.setActiveTextMessageListLink(SepResources.listLink(ActiveTextMessageListLink::new,
                SepPaths.actTxtList(d.id(), p.id()), active));
        org.openvtn.schemas.sep.LocaleType locale = new org.openvtn.schemas.sep.LocaleType();
        locale.setValue(LOCALE);
        r.setLocale(locale);
        r.setPrimacy(controls.primacy(p.id()));
        r.setTextMessageListLink(SepResources.listLink(TextMessageListLink::new, SepPaths.txtList(d.id(), p.id()),
                messages));
        return r;
    }

    /** @return a TextMessageList page ({@code href}: the list or the active list) */
    public TextMessageList list(String href, SepEndDevice d, ListQuery.Page<SepControl> page,
                                java.util.function.Function<SepControl, JdbcMessageStore.Message> message) {
        TextMessageList l = new TextMessageList();
        l.setHref(href);
        l.setSubscribable((short) 1);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(c -> l.getTextMessage().add(message(d, c, message.apply(c))));
        return l;
    }

    /** @return the TextMessage: an event with originator, priority and text */
    public TextMessage message(SepEndDevice d, SepControl c, JdbcMessageStore.Message m) {
        TextMessage r = new TextMessage();
        controls.event(r, c, SepPaths.txtList(d.id(), c.programId()));
        // Responses go to the program's ResponseSet like a DERControl's; bit 0: "message received" (Table 27 status 1)
        r.setResponseRequired(new byte[] {0x01});
        r.setOriginator(m.originator());
        PriorityType p = new PriorityType();
        p.setValue((short) m.priority());
        r.setPriority(p);
        r.setTextMessage(m.text());
        return r;
    }

    /** @return the href of a message as the device sees it */
    public String href(SepEndDevice d, SepControl c) {
        return SepPaths.txtList(d.id(), c.programId()) + "/" + mrids.hex(c.key());
    }
}
