package org.openvtn.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.RunResult;

/**
 * {@code report.html}: one self-contained page (inline CSS and script, no external resource) that a lab can
 * attach to a certification record. Header: tool version, suite, catalogue version, run times, summary, the
 * target configuration and the schema digests. Then the results table, filterable by verdict and by text,
 * each row's evidence (violations, notes, exchanges with TLS parameters and bodies) expandable. Everything
 * taken from the run is HTML-escaped.
 */
final class HtmlReport {

    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#222}
            h1{font-size:20px;margin:0 0 12px}
            table{border-collapse:collapse}
            table.meta td,table.meta th{padding:2px 12px 2px 0;text-align:left;vertical-align:top}
            #results{width:100%;margin-top:12px}
            #results th,#results td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
            #results th{background:#f3f3f3;position:sticky;top:0}
            .v{font-weight:600;white-space:nowrap}
            .PASS .v{color:#137333}.NON_STRICT .v{color:#8a6d00}.FAIL .v{color:#b3261e}
            .SKIPPED .v{color:#555}.NOT_APPLICABLE .v{color:#777}
            .filters{margin-top:16px}.filters label{margin-right:14px}
            .filters input[type=search]{width:280px;padding:3px}
            pre{background:#f7f7f7;border:1px solid #e3e3e3;padding:6px;overflow:auto;max-height:420px;
                white-space:pre-wrap;word-break:break-all;margin:4px 0}
            .ex{border-left:3px solid #9bb;padding:2px 0 2px 8px;margin:8px 0}
            .err{color:#b3261e}.viol li{margin:2px 0}
            code{font-size:12px}details>summary{cursor:pointer}
            .small{color:#666;font-size:12px}
            """;

    private static final String SCRIPT = """
            (function(){
              var q=document.getElementById('q');
              var boxes=document.querySelectorAll('.filters input[type=checkbox]');
              function apply(){
                var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
                var t=q.value.toLowerCase();
                var shown=0;
                document.querySelectorAll('#results tbody tr').forEach(function(r){
                  var ok=on[r.getAttribute('data-verdict')]&&(!t||r.getAttribute('data-text').indexOf(t)>=0);
                  r.style.display=ok?'':'none';if(ok){shown++;}
                });
                document.getElementById('shown').textContent=shown;
              }
              q.addEventListener('input',apply);
              boxes.forEach(function(b){b.addEventListener('change',apply);});
              apply();
            })();
            """;

    private HtmlReport() {
    }

    static void write(Path file, ReportHeader h, RunResult run) throws IOException {
        Files.writeString(file, render(h, run), StandardCharsets.UTF_8);
    }

    static String render(ReportHeader h, RunResult run) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Conformance report: ").append(esc(h.suite())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>OpenVTN conformance report: ").append(esc(h.suite())).append("</h1>\n");
        sb.append("<table class=\"meta\">\n");
        meta(sb, "Suite", h.suite() + " \u2014 " + h.suiteDescription());
        meta(sb, "Catalogue version", h.catalogueVersion());
        meta(sb, "Tool version", h.toolVersion());
        meta(sb, "Target", String.valueOf(h.target().get("baseUrl")));
        meta(sb, "Started", String.valueOf(h.started()));
        meta(sb, "Finished", String.valueOf(h.finished()));
        meta(sb, "Summary", run.summary() + (run.nonStrictNote().isEmpty() ? "" : "; " + run.nonStrictNote()));
        sb.append("</table>\n");

        sb.append("<details><summary>Target configuration</summary>\n<table class=\"meta\">\n");
        for (Map.Entry<String, Object> e : h.target().entrySet()) {
            meta(sb, e.getKey(), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
        sb.append("</table></details>\n");
        sb.append("<details><summary>Published schema digests (SHA-256, ").append(h.schemaDigests().size())
                .append(")</summary>\n<table class=\"meta\">\n");
        h.schemaDigests().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td><code>")
                        .append(esc(e.getValue())).append("</code></td></tr>\n"));
        sb.append("</table></details>\n");

        Map<Verdict, Integer> counts = run.counts();
        sb.append("<div class=\"filters\">\n");
        for (Verdict v : Verdict.values()) {
            sb.append("<label><input type=\"checkbox\" value=\"").append(v.name()).append("\" checked> ")
                    .append(v.name()).append(" (").append(counts.get(v)).append(")</label>\n");
        }
        sb.append("<input id=\"q\" type=\"search\" placeholder=\"filter by ID, title, reason\" "
                + "aria-label=\"text filter\"> <span class=\"small\"><span id=\"shown\">")
                .append(run.results().size()).append("</span> of ").append(run.results().size())
                .append(" shown</span>\n</div>\n");

        sb.append("<table id=\"results\">\n<thead><tr><th>ID</th><th>Official IDs</th><th>Title</th>"
                + "<th>Level</th><th>Verdict</th><th>Duration</th><th>Reason and evidence</th></tr></thead>\n"
                + "<tbody>\n");
        for (CaseResult r : run.results()) {
            row(sb, r);
        }
        sb.append("</tbody>\n</table>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, CaseResult r) {
        String text = String.join(" ", r.id(), String.join(" ", r.info().officialIds()), r.info().title(),
                r.info().specRef(), r.verdict().name(), r.reason()).toLowerCase(java.util.Locale.ROOT);
        sb.append("<tr class=\"").append(r.verdict().name()).append("\" data-verdict=\"").append(r.verdict().name())
                .append("\" data-text=\"").append(esc(text)).append("\" id=\"case-").append(esc(Reports.fileName(
                        r.id()))).append("\">");
        sb.append("<td><code>").append(esc(r.id())).append("</code></td>");
        sb.append("<td>").append(esc(String.join(", ", r.info().officialIds()))).append("</td>");
        sb.append("<td>").append(esc(r.info().title())).append("<div class=\"small\">").append(esc(r.info().specRef()))
                .append("</div></td>");
        sb.append("<td>").append(r.info().level().name()).append("</td>");
        sb.append("<td class=\"v\">").append(r.verdict().name()).append("</td>");
        sb.append("<td>").append(r.started() == null ? "" : r.duration().toMillis() + " ms").append("</td>");
        sb.append("<td>").append(esc(r.reason()));
        if (r.started() != null) {
            evidence(sb, r);
        }
        sb.append("</td></tr>\n");
    }

    private static void evidence(StringBuilder sb, CaseResult r) {
        sb.append("<details><summary>Evidence: ").append(r.exchanges().size()).append(" exchange(s), ")
                .append(r.violations().size()).append(" violation(s), ").append(r.notes().size())
                .append(" note(s)</summary>\n");
        sb.append("<div class=\"small\">role ").append(esc(r.info().role())).append(", transport ")
                .append(esc(r.info().transport())).append(", started ").append(esc(String.valueOf(r.started())))
                .append(r.info().requires().isEmpty() ? "" : ", requires " + esc(String.join(", ",
                        r.info().requires().stream().sorted().toList()))).append("</div>\n");
        if (!r.violations().isEmpty()) {
            sb.append("<ul class=\"viol\">\n");
            for (RuleViolation v : r.violations()) {
                sb.append("<li><b>").append(esc(v.rule())).append("</b> [").append(v.level().name()).append("] at <code>")
                        .append(esc(v.element())).append("</code>: ").append(esc(v.message())).append("</li>\n");
            }
            sb.append("</ul>\n");
        }
        if (!r.notes().isEmpty()) {
            sb.append("<pre>").append(esc(String.join("\n", r.notes()))).append("</pre>\n");
        }
        List<Exchange> exchanges = r.exchanges();
        for (int i = 0; i < exchanges.size(); i++) {
            exchange(sb, i + 1, exchanges.get(i));
        }
        if (r.stackTrace() != null) {
            sb.append("<details><summary>stack trace</summary><pre>").append(esc(r.stackTrace()))
                    .append("</pre></details>\n");
        }
        sb.append("</details>");
    }

    private static void exchange(StringBuilder sb, int n, Exchange e) {
        sb.append("<div class=\"ex\"><div>#").append(n).append(' ').append(esc(e.label())).append(" \u2014 <code>")
                .append(esc(e.method())).append(' ').append(esc(e.url())).append("</code> ")
                .append(esc(e.direction())).append(" \u2192 ").append(e.status() == 0 ? "no response" : "HTTP "
                        + e.status()).append("</div>\n");
        sb.append("<div class=\"small\">sent ").append(esc(String.valueOf(e.sent()))).append(", received ")
                .append(esc(String.valueOf(e.received())));
        if (e.tls() != null) {
            sb.append("; TLS ").append(esc(e.tls().protocol())).append(' ').append(esc(e.tls().cipherSuite()))
                    .append("; peer ").append(esc(String.valueOf(e.tls().peerSubject())));
        }
        sb.append("</div>\n");
        if (e.error() != null) {
            sb.append("<div class=\"err\">").append(esc(e.error())).append("</div>\n");
        }
        body(sb, "request", e.requestBody());
        body(sb, "response", e.responseBody());
        if (e.tls() != null && e.tls().peerCertificatePem() != null) {
            body(sb, "peer certificate", e.tls().peerCertificatePem());
        }
        sb.append("</div>\n");
    }

    private static void body(StringBuilder sb, String what, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        sb.append("<details><summary>").append(what).append(" (").append(text.length()).append(" chars)</summary><pre>")
                .append(esc(text)).append("</pre></details>\n");
    }

    private static void meta(StringBuilder sb, String key, String value) {
        sb.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
