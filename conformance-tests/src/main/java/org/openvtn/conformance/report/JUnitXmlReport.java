package org.openvtn.conformance.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.RunResult;

/**
 * {@code junit.xml} in the Ant/Surefire format CI servers read: one {@code testcase} per catalogue row. FAIL
 * becomes {@code failure} (message: the reason; text: every violation), SKIPPED and NOT_APPLICABLE become
 * {@code skipped} with the reason, NON_STRICT passes with a {@code system-out} note.
 */
final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    static void write(Path file, ReportHeader header, RunResult run) throws IOException {
        Map<Verdict, Integer> c = run.counts();
        double seconds = run.results().stream().mapToLong(r -> r.duration().toMillis()).sum() / 1000.0;
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", clean(run.suite()));
            w.writeAttribute("tests", String.valueOf(run.results().size()));
            w.writeAttribute("failures", String.valueOf(c.get(Verdict.FAIL)));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", String.valueOf(c.get(Verdict.SKIPPED) + c.get(Verdict.NOT_APPLICABLE)));
            w.writeAttribute("time", seconds(seconds));
            w.writeAttribute("timestamp", String.valueOf(run.started()));
            w.writeCharacters("\n  ");
            w.writeStartElement("properties");
            property(w, "toolVersion", header.toolVersion());
            property(w, "catalogueVersion", header.catalogueVersion());
            property(w, "target", String.valueOf(header.target().get("baseUrl")));
            property(w, "capabilities", String.valueOf(header.target().get("capabilities")));
            for (Map.Entry<String, String> d : header.schemaDigests().entrySet()) {
                property(w, "schema:" + d.getKey(), d.getValue());
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            for (CaseResult r : run.results()) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", clean("openvtn.conformance." + run.suite()));
                w.writeAttribute("name", clean(r.id() + ": " + r.info().title()));
                w.writeAttribute("time", seconds(r.duration().toMillis() / 1000.0));
                switch (r.verdict()) {
                    case FAIL -> {
                        w.writeCharacters("\n    ");
                        w.writeStartElement("failure");
                        w.writeAttribute("message", clean(r.reason()));
                        w.writeAttribute("type", "FAIL");
                        w.writeCharacters(clean(details(r)));
                        w.writeEndElement();
                        w.writeCharacters("\n  ");
                    }
                    case SKIPPED, NOT_APPLICABLE -> {
                        w.writeCharacters("\n    ");
                        w.writeEmptyElement("skipped");
                        w.writeAttribute("message", clean(r.verdict() + ": " + r.reason()));
                        w.writeCharacters("\n  ");
                    }
                    case NON_STRICT -> {
                        w.writeCharacters("\n    ");
                        w.writeStartElement("system-out");
                        w.writeCharacters(clean("NON_STRICT: every MUST passed, a SHOULD did not\n" + details(r)));
                        w.writeEndElement();
                        w.writeCharacters("\n  ");
                    }
                    default -> {
                    }
                }
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String details(CaseResult r) {
        String v = r.violations().stream().map(RuleViolation::toString).collect(Collectors.joining("\n"));
        String s = r.reason() + (v.isEmpty() ? "" : "\n" + v);
        return r.stackTrace() == null ? s : s + "\n" + r.stackTrace();
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeEmptyElement("property");
        w.writeAttribute("name", clean(name));
        w.writeAttribute("value", clean(value == null ? "" : value));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Replaces characters XML 1.0 cannot carry (controls other than tab/CR/LF, lone surrogates) with U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(ch).append(s.charAt(++i));
            } else if (ch == 0x9 || ch == 0xA || ch == 0xD || ch >= 0x20 && ch <= 0xD7FF
                    || ch >= 0xE000 && ch <= 0xFFFD) {
                sb.append(ch);
            } else {
                sb.append('\uFFFD');
            }
        }
        return sb.toString();
    }
}
