package io.takedown.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.takedown.server.TestServer;
import io.takedown.server.demo.DemoScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's main journeys in a real browser (Debian's Chromium driven by Playwright), over the demo
 * scenario: sign-in, triage, item review with audited unblurring, bank browser with match explanations, the
 * order workflow and its legal timeline, the live board, reports and audit verification. A screenshot of each
 * page is kept in {@code target/screenshots}. Skipped, saying why, when Chromium is not installed.
 */
class ConsoleJourneyTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TAKEDOWN_CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    static Path home;

    static TestServer server;
    static Map<String, String> passwords;
    static Playwright playwright;
    static Browser browser;
    static Path screenshots;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM
                + ": browser journeys skipped (CI installs it: apt-get install chromium; or set TAKEDOWN_CHROMIUM)");
        server = TestServer.start(home);
        passwords = DemoScenario.load(server.takedown, server.server.accounts()).passwords();
        screenshots = Path.of(System.getProperty("takedown.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Page signIn(String user) {
        Page page = browser.newContext().newPage();
        page.navigate(server.uri("/console").toString());
        assertThat(page.url()).contains("/login");
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(passwords.get(user));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL("**/console**");
        return page;
    }

    private void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + ".png")).setFullPage(true));
        // Accessibility basics on every page: a language, one h1, every visible field labelled.
        assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
        assertThat(page.locator("h1").count()).isEqualTo(1);
        Object unlabelled = page.evaluate("() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length");
        assertThat(((Number) unlabelled).intValue()).as("unlabelled fields on " + name).isZero();
    }

    @Test
    void analyst_triagesReviewsAndExplainsMatches() {
        Page login = browser.newContext().newPage();
        login.navigate(server.uri("/login").toString());
        login.getByLabel("User name").fill("ana");
        login.getByLabel("Password").fill("wrong password");
        login.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(login.locator("#login-error").textContent()).contains("wrong password");
        shot(login, "01-login-refused");
        login.keyboard().press("Tab");

        Page page = signIn("ana");
        page.keyboard().press("Tab");
        assertThat(page.evaluate("() => document.activeElement.textContent")).isEqualTo("Skip to content");
        assertThat(page.locator("tbody tr").first().textContent()).contains("Order").contains("left");
        shot(page, "02-triage");

        page.navigate(server.uri("/console/cases").toString());
        shot(page, "04-cases");
        page.locator("a", new Page.LocatorOptions().setHasText("Item ")).first().click();
        page.waitForURL("**/console/items/**");
        assertThat(page.locator("#media").getAttribute("class")).contains("blurred");
        long before = server.auditEntries();
        page.locator("#unblur").click();
        page.waitForCondition(() -> !page.locator("#media").getAttribute("class").contains("blurred"));
        assertThat(server.auditEntries()).isGreaterThan(before);
        shot(page, "03-item-review");

        page.navigate(server.uri("/console/banks").toString());
        shot(page, "05-banks");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("OUTLET_O01")).click();
        String hash = page.locator("tbody tr td.hash").first().textContent();
        page.getByLabel("Test a signal").fill(hash);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Explain matches")).click();
        assertThat(page.locator("table").first().textContent()).contains("0 of 256 bits differ");
        shot(page, "06-bank-browser");
    }

    @Test
    void approver_approvesAndSends_boardUpdatesLive() {
        Page page = signIn("bert");
        page.navigate(server.uri("/console/orders").toString());
        shot(page, "07-orders");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Order 2")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
        assertThat(page.locator("#order-status").textContent()).isEqualTo("approved");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign and send")).click();
        // HOST-1 has no endpoint: queued until the issuer records the out-of-band receipt.
        assertThat(page.locator("#order-status").textContent()).isEqualTo("queued");
        server.takedown.orders().recordReceipt(server.takedown.directory().actor("bert"), 2,
                io.takedown.orders.OutboxMessage.Kind.ORDER, server.takedown.clock().instant());
        page.reload();
        assertThat(page.locator("#order-status").textContent()).isEqualTo("sent");
        assertThat(page.locator(".timeline li").count()).isGreaterThanOrEqualTo(3);
        shot(page, "08-order-timeline");

        page.navigate(server.uri("/console/board").toString());
        page.waitForSelector("#board-updated");
        assertThat(page.locator("#board").textContent()).doesNotContain("removed: 1");
        // The provider records removal elsewhere; the open board shows it without a reload.
        var pia = server.takedown.directory().actor("pia");
        server.takedown.orders().recordExecution(pia, 2, server.takedown.clock().instant());
        page.waitForCondition(() -> page.locator("#board").textContent().contains("executed"),
                new Page.WaitForConditionOptions().setTimeout(15_000));
        shot(page, "09-board-live");
    }

    @Test
    void coordinator_followsTheActionDayBoard() {
        Page page = signIn("cora");
        page.navigate(server.uri("/console/actions").toString());
        shot(page, "13-action-days");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Operation o01 mirrors")).click();
        assertThat(page.locator("#action-board").textContent()).contains("planning").contains("HOST-1");
        shot(page, "14-action-day-board");
    }

    @Test
    void auditor_reportsAndVerifiesTheTrail() {
        Page page = signIn("otto");
        page.navigate(server.uri("/console/reports").toString());
        assertThat(page.locator("table").textContent()).contains("orders issued");
        shot(page, "10-reports");
        page.navigate(server.uri("/console/audit").toString());
        page.locator("#verify").click();
        assertThat(page.locator("#verdict").textContent()).contains("Intact");
        shot(page, "11-audit");
        page.navigate(server.uri("/console/tokens").toString());
        page.getByLabel("Token name").fill("hma client");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue a token")).click();
        assertThat(page.locator("#secret").textContent()).startsWith("tdk_");
        shot(page, "12-tokens");
    }
}
