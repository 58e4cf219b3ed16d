package org.openvtn.conformance.sep.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.sep.SepRules;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.w3c.dom.Element;

/**
 * The read side of the {@link SepDeviceHarness}: which document the current {@link Scenario} serves at a path (IEEE
 * 2030.5-2018 resources, lists paged by {@code s}/{@code l}; nothing but DeviceCapability, Time, the EndDeviceList and
 * mirrors before the device registered) and its encoding, validated against sep.xsd and, with the scenario's
 * CSIP-AUS 1.3 additions, against CSIP-AUS 1.3. Called under the harness's lock.
 */
final class ScenarioResources {
    private final SepCodec codec = SepCodec.create(new PublishedSchemas());
    private final Clock clock;
    private final SepRules rules;
    /** MirrorUsagePoints the device POSTed (href -> the body it posted), owned by the harness. */
    private final Map<String, Element> mirrors;

    ScenarioResources(Clock clock, SepRules rules, Map<String, Element> mirrors) {
        this.clock = clock;
        this.rules = rules;
        this.mirrors = mirrors;
    }

    /** The document the scenario serves at {@code path} (a page {@code s}, {@code l} of a list), or null. */
    Object get(Scenario sc, String path, long s, long l) {
        if (path.equals(sc.dcapPath())) {
            return HarnessDocs.dcap(sc);
        }
        if (path.equals(Scenario.TIME)) {
            return HarnessDocs.time(clock.instant().getEpochSecond() + sc.timeOffset, sc.pollRate);
        }
        if (path.equals(Scenario.EDEV)) {
            return HarnessDocs.edevList(sc, s, l);
        }
        if (mirrors.containsKey(path)) {
            return PostRateCases.mirrorUsagePoint(path, mirrors.get(path), sc.mirrorPostRate);
        }
        if (!sc.registered) {
            return null;
        }
        Object grouped = FsaDocs.get(sc, path, s, l);
        if (grouped != null) {
            return grouped;
        }
        if (path.equals(Scenario.EDEV_ITEM)) {
            return HarnessDocs.edev(sc);
        }
        if (path.equals(Scenario.REG) && sc.registrationLink) {
            return HarnessDocs.registration(sc);
        }
        if (path.equals(Scenario.DER_LIST) && sc.derList) {
            return DataCases.derList(sc, HarnessDocs.derList(s, l, sc.ders));
        }
        if (path.equals(Scenario.SUBS) && sc.subscriptions) {
            return HarnessDocs.subscriptions(sc, s, l);
        }
        if (path.equals(Scenario.FSA_LIST)) {
            return HarnessDocs.fsaList(sc, s, l);
        }
        if (path.equals(Scenario.DERP_LIST)) {
            return HarnessDocs.programList(sc, s, l);
        }
        for (Scenario.Program p : sc.programs) {
            if (path.equals(p.href())) {
                return HarnessDocs.program(p);
            }
            if (path.equals(p.href() + "/ctl")) {
                return HarnessDocs.controlList(sc, p, s, l);
            }
            if (path.equals(p.href() + "/dflt") && p.defaults != null) {
                return HarnessDocs.defaults(sc, p);
            }
            if (path.equals(p.href() + "/curves")) {
                return HarnessDocs.curves(p);
            }
            for (Scenario.Control c : p.controls) {
                if (path.equals(c.href())) {
                    return HarnessDocs.control(p, c);
                }
            }
        }
        return null;
    }

    /** Encodes {@code doc} (sep.xsd-validated), adds the CSIP-AUS modes of {@code sc} and validates those too. */
    String encode(Scenario sc, Object doc) {
        try {
            String xml = new String(codec.encode(doc), StandardCharsets.UTF_8);
            String out = CsipAusModes.inject(xml, CsipAusModes.byMrid(sc));
            if (sc.connectionPoint) {
                out = NmiCases.inject(out);
            }
            if (!out.equals(xml)) {
                List<RuleViolation> bad = rules.xsd(out);
                if (!bad.isEmpty()) {
                    throw new IllegalStateException("harness bug: CSIP-AUS 1.3 invalid " + doc.getClass()
                            .getSimpleName() + ": " + bad);
                }
            }
            return out;
        } catch (XmlCodecException e) {
            throw new IllegalStateException("harness bug: invalid " + doc.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
