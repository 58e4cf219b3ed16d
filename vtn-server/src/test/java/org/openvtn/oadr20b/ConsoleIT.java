package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openvtn.admin.api.AdminApiClient;
import org.openvtn.admin.api.PollItemJson;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.ReportRequest;

/**
 * Issue #19 "operator web console" in a real headless Chromium (Selenium, the OS chromedriver): a real VTN (mutual
 * TLS OpenADR listener, admin listener, in-memory Derby) with one VEN registered over TLS (OpenADR 2.0b 8.1
 * EiRegisterParty) that sent TELEMETRY_USAGE data (8.3 EiReport, R1_3020/R1_3030). Through the UI only: the admin
 * token prompt (a refused token returns to it), a programme and an event created, modified and cancelled (OpenADR
 * 2.0b conformance rules 4 and 5 as the admin API applies them), the VEN listed, its telemetry plotted by uPlot,
 * the VEN's poll queue, a conformance report's verdict table. Skipped, with the reason, where chromium or
 * chromedriver is absent.
 */
class ConsoleIT {
    private static final String TOKEN = "console-token-".repeat(3);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static AdminVtnFixture vtn;
    private static ScriptedVen ven;
    private static WebDriver browser;
    private static String console;

    @BeforeAll
    static void start(@TempDir Path profile) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "operator console browser test skipped: " + CHROMIUM + " and " + CHROMEDRIVER + " are needed");
        vtn = new AdminVtnFixture("console", TOKEN);
        ven = vtn.registeredVen("console-ven-");
        ven.poll();
        assertEquals("200", ScriptedVen.code(ven.post("EiReport", OadrXml.registerReport(ven.venId, true))));
        ReportRequest rr = vtn.server().core().reports().requestReport(ven.venId, new NewReportRequest(
                "TELEMETRY_USAGE", List.of(), Duration.ofMinutes(1), Duration.ofMinutes(2), null, Duration.ZERO));
        assertEquals("200", ScriptedVen.code(ven.post("EiReport", OadrXml.createdReport(ven.venId,
                rr.reportRequestId()))));
        assertEquals("200", ScriptedVen.code(ven.post("EiReport", OadrXml.updateReport(ven.venId,
                rr.reportRequestId(), "spec-usage", "TELEMETRY_USAGE", "power-1", "power-2"))));
        console = vtn.server().adminBaseUri().orElseThrow().replace("/api/v1", "/console/");

        // the OS driver, named explicitly: Selenium Manager never runs (it would download a driver)
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + profile.resolve("chromium"));
        // the page's console errors (a CSP violation, a script error) are read back and must be none
        options.setCapability("goog:loggingPrefs", Map.of("browser", "SEVERE"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (vtn != null) {
            vtn.close();
        }
    }

    private static WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    /** A fresh page with no token in session storage: the prompt shows. */
    private static void openSignedOut() {
        browser.get(console);
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    private static void signIn(String view) {
        openSignedOut();
        browser.manage().logs().get(LogType.BROWSER); // drains what earlier tests left
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        browser.findElement(By.id("signin")).click();
        await().until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        browser.findElement(By.cssSelector("#nav a[data-view='" + view + "']")).click();
        await().until(ExpectedConditions.attributeToBe(By.id("view"), "data-view", view));
        await().until(d -> d.findElement(By.id("view")).getAttribute("aria-busy") == null);
    }

    /** No script error and no Content-Security-Policy violation since {@link #signIn}. */
    private static void assertNoPageErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors);
    }

    private static void fill(String id, String value) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    /** The console answers are those of a page that cannot be framed or run injected script (issue #19). */
    @Test
    void securityHeaders() throws Exception {
        for (String path : List.of("", "app.js", "vendor/uplot/uPlot.iife.min.js", "no-such-file.js")) {
            HttpResponse<String> r = vtn.http().send(HttpRequest.newBuilder(URI.create(console + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(path.startsWith("no-such") ? 404 : 200, r.statusCode(), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline")
                    && csp.contains("frame-ancestors 'none'"), csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null));
        }
        HttpResponse<String> api = vtn.http().send(HttpRequest.newBuilder(URI.create(console.replace("/console/",
                "/api/v1/programs"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, api.statusCode());
        assertEquals("no-store", api.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", api.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    /** A token the admin API refuses (401) leaves the operator at the prompt, with the reason, and stores nothing. */
    @Test
    void wrongTokenShowsThePromptAgain() {
        openSignedOut();
        browser.findElement(By.id("token")).sendKeys("not-the-admin-token-at-all");
        browser.findElement(By.id("signin")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "401"));
        assertTrue(browser.findElement(By.id("token")).isDisplayed());
        assertFalse(browser.findElement(By.id("main")).isDisplayed());
        assertEquals(null, ((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('openvtn.adminToken')"));
        // the refused request is in the page's error log: the log assertNoPageErrors reads is live
        assertTrue(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .anyMatch(e -> e.getMessage().contains("401")));
    }

    /** Programme and event created, modified and cancelled in the UI; the VTN holds the same state. */
    @Test
    void eventLifeCycleThroughTheUi() throws Exception {
        signIn("events");
        fill("program-name", "Browser programme");
        fill("program-market", "http://market.example/console");
        browser.findElement(By.id("program-create")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("programs"), "Browser programme"));

        new Select(browser.findElement(By.id("event-program"))).selectByVisibleText(
                "Browser programme (http://market.example/console)");
        fill("event-start", "2030-01-01T02:00:00Z");
        fill("event-value", "2");
        fill("event-comment", "from the browser <b>x</b>");
        browser.findElement(By.id("event-save")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "created"));
        JsonNode event = eventCommented("from the browser <b>x</b>");
        String id = event.get("id").asText();
        assertEquals(0, event.get("modificationNumber").asInt());
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), id));

        browser.findElement(By.cssSelector("button[aria-label='Modify event " + id + "']")).click();
        fill("event-value", "3");
        browser.findElement(By.id("event-save")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "modified"));
        assertEquals(3.0, vtn.admin("GET", "/events/" + id, null).body().at("/signals/0/intervals/0/value")
                .asDouble());

        browser.findElement(By.cssSelector("button[aria-label='Cancel event " + id + "']")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "cancelled"));
        JsonNode cancelled = vtn.admin("GET", "/events/" + id, null).body();
        assertEquals("cancelled", cancelled.get("status").asText());
        assertEquals(2, cancelled.get("modificationNumber").asInt());
        WebElement row = browser.findElement(By.xpath("//table[@id='events']//tr[td[1]='" + id + "']"));
        assertTrue(row.getText().contains("cancelled"), row.getText());
        // the comment is text, never markup
        assertTrue(browser.findElements(By.cssSelector("#events b")).isEmpty());
        assertNoPageErrors();
    }

    private static JsonNode eventCommented(String comment) throws Exception {
        for (JsonNode e : vtn.admin("GET", "/events", null).body()) {
            if (comment.equals(e.path("vtnComment").asText())) {
                return e;
            }
        }
        throw new AssertionError("no event with comment " + comment);
    }

    /** The VEN registered over mutual TLS is listed; its TELEMETRY_USAGE data is plotted (R1_3030). */
    @Test
    void venListedAndTelemetryPlotted() {
        signIn("vens");
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("vens"), ven.venId));
        assertTrue(browser.findElement(By.id("vens")).getText().contains("registered"));
        assertTrue(browser.findElement(By.id("vens")).getText().contains("Last contact"), "last contact column");

        browser.findElement(By.cssSelector("#nav a[data-view='telemetry']")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("telemetry-summary"),
                "2 points of power-1 from " + ven.venId));
        WebElement canvas = await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#telemetry-plot canvas")));
        Number painted = (Number) ((JavascriptExecutor) browser).executeScript("""
                const c = arguments[0], px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) n++;
                return n;""", canvas);
        assertTrue(painted.longValue() > 0, "the plot canvas is blank");
        Object seriesLength = ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('#telemetry-plot .u-series').length");
        assertEquals(2L, seriesLength);
        assertNoPageErrors();
    }

    /**
     * The queue view lists a VEN's poll queue (OpenADR 2.0b 8.7): an oadrRequestReregistration the operator asked
     * for waits there until the VEN's next oadrPoll; the push outbox totals and 2030.5 delivery counters show.
     */
    @Test
    void pollQueueShown() throws Exception {
        assertEquals(200, vtn.admin("POST", "/vens/" + ven.venId + "/reregister", null).status());
        List<PollItemJson> queue = AdminApiClient.create(vtn.server().adminBaseUri().orElseThrow(), TOKEN,
                Duration.ofSeconds(10)).pollQueue(ven.venId);
        assertTrue(queue.stream().anyMatch(i -> i.kind().equals("REREGISTRATION_REQUESTED") && i.sentAt() == null
                && i.deliveries() == 0), queue.toString());
        signIn("queues");
        WebElement row = await().until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//table[@id='poll-queues']//tr[td[1]='" + ven.venId + "' and td[3]='REREGISTRATION_REQUESTED']")));
        assertTrue(row.getText().contains("not yet"), row.getText());
        assertTrue(browser.findElement(By.id("sep-delivery")).getText().contains("Notifications pending 0"));
        assertTrue(browser.findElement(By.id("oadr-queues")).getText().contains("Push messages waiting 0"));
        assertNoPageErrors();
    }

    /** An {@code index.json} of a conformance report renders as its verdict table. */
    @Test
    void conformanceReportRendered(@TempDir Path dir) throws Exception {
        Path index = dir.resolve("index.json");
        Files.writeString(index, """
                {"tool": {"name": "openvtn conformance", "version": "test"}, "suite": "vtn",
                 "target": "https://vtn.example:8443", "started": "2030-01-01T00:00:00Z",
                 "finished": "2030-01-01T00:01:00Z", "summary": "1 PASS, 1 FAIL",
                 "counts": {"PASS": 1, "FAIL": 1},
                 "cases": {"R0_0010": {"verdict": "PASS", "duration": "PT1S", "durationMs": 1000, "reason": null,
                                       "violations": [], "evidence": "evidence/R0_0010.json"},
                           "E0_0020": {"verdict": "FAIL", "duration": "PT2S", "durationMs": 2000,
                                       "reason": "<img src=x>",
                                       "violations": [{"rule": "rule 8", "level": "MUST", "element": "x",
                                                       "message": "wrong"}], "evidence": "evidence/E0_0020.json"}}}
                """);
        signIn("conformance");
        browser.findElement(By.id("conformance-file")).sendKeys(index.toString());
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("conformance-verdicts")));
        WebElement fail = browser.findElement(By.xpath("//table[@id='conformance-verdicts']//tr[td[1]='E0_0020']"));
        assertTrue(fail.getText().contains("FAIL") && fail.getText().contains("MUST rule 8: wrong"), fail.getText());
        assertTrue(fail.getText().contains("<img src=x>"), "the reason is shown as text");
        assertTrue(browser.findElements(By.cssSelector("#conformance-report img")).isEmpty());
        assertTrue(browser.findElement(By.id("conformance-counts")).getText().contains("PASS: 1"));
        assertNoPageErrors();
    }
}
