package io.battleroyale.job;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.battleroyale.sources.testing.FlinkTesting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * report.html in a real browser (headless Chromium): the page of a small run and of a small stress
 * battery loads from disk with no network and no console error, draws every chart with data, and
 * lists every agent.
 */
class ReportPageITCase {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    @TempDir static Path profile;

    private static WebDriver browser;

    @TempDir Path tmp;

    @BeforeAll
    static void startBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing =
                    "no "
                            + CHROMIUM
                            + " or "
                            + CHROMEDRIVER
                            + " (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI must run the browser test: " + missing);
            }
            Assumptions.abort("browser test skipped: " + missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1400,1800",
                // no name resolves: a page that fetched anything would log an error
                "--host-resolver-rules=MAP * ~NOTFOUND");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aRunsReportDrawsEveryChartAndListsEveryAgent() throws Exception {
        Path out = tmp.resolve("run");
        Cli run =
                Cli.run(
                        "run",
                        "--epochs",
                        "3",
                        "--symbols",
                        "SPY,QQQ",
                        "--risk",
                        "max_order_notional=40000",
                        "-p",
                        "2",
                        "--progress-every",
                        "1h",
                        "--out",
                        out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path report = out.resolve("report.html").toAbsolutePath();
        assertThat(run.out()).contains("report: " + report);
        assertThat(Files.readAllLines(out.resolve("rejections.jsonl")))
                .as("the run exercises the rejections section")
                .isNotEmpty();

        open(report);
        List<WebElement> charts = charts();
        // equity, drawdown and at least one regime's P(best)
        assertThat(charts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(agentsListed("#leaderboard")).containsExactlyInAnyOrderElementsOf(agents(out));
        assertThat(browser.findElements(By.cssSelector("#rejections tbody tr"))).isNotEmpty();
        assertNoConsoleErrors();
    }

    @Test
    void theConsoleCheckSeesAnError() {
        // the check above is only worth something if an error on the page does reach it
        browser.get("data:text/html,<script>throw new Error('broken page')</script>");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .anyMatch(
                        e ->
                                e.getLevel().intValue() >= Level.SEVERE.intValue()
                                        && e.getMessage().contains("broken page"));
    }

    @Test
    void aStressReportShowsTheVerdictsAndEveryScenariosPricePath() throws Exception {
        Path out = tmp.resolve("stress");
        Cli stress =
                Cli.run(
                        "stress",
                        "--scenarios",
                        "flash_crash,stale_feed",
                        "--agents",
                        "trend;meanrev",
                        "--epochs",
                        "2",
                        "--symbols",
                        "SPY,QQQ",
                        "--bar-length",
                        "15m",
                        "-p",
                        "2",
                        "--out",
                        out.toString());
        assertThat(stress.exitCode()).as(stress.err()).isZero();
        Path report = out.resolve("report.html").toAbsolutePath();
        assertThat(stress.out()).contains("report: " + report);

        open(report);
        assertThat(charts()).as("one price chart per scenario").hasSize(2);
        // every agent of every scenario in the verdict table
        assertThat(agentsListed("#verdicts"))
                .containsExactly("trend", "meanrev", "trend", "meanrev");
        assertNoConsoleErrors();

        // each run of the battery has its own report, linked from the battery's
        List<String> runs = List.of("baseline", "flash_crash", "stale_feed");
        for (String run : runs) {
            assertThat(browser.findElements(By.cssSelector("a[href='" + run + "/report.html']")))
                    .as(run)
                    .hasSize(1);
        }
        for (String run : runs) {
            open(out.resolve(run).resolve("report.html").toAbsolutePath());
            charts();
            assertThat(agentsListed("#leaderboard")).containsExactlyInAnyOrder("trend", "meanrev");
            assertNoConsoleErrors();
        }
    }

    private static void open(Path report) {
        browser.get(report.toUri().toString());
    }

    /** Every chart of the page once drawn, each asserted to have points with values. */
    private static List<WebElement> charts() {
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(
                        b ->
                                !b.findElements(By.cssSelector(".chart")).isEmpty()
                                        && b.findElements(
                                                        By.cssSelector(".chart:not([data-points])"))
                                                .isEmpty());
        List<WebElement> charts = browser.findElements(By.cssSelector(".chart"));
        for (WebElement chart : charts) {
            assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isPositive();
            assertThat(Integer.parseInt(chart.getAttribute("data-values"))).isPositive();
            assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        }
        return charts;
    }

    private static List<String> agentsListed(String table) {
        List<String> agents = new ArrayList<>();
        for (WebElement cell : browser.findElements(By.cssSelector(table + " td[data-agent]"))) {
            agents.add(cell.getText());
        }
        return agents;
    }

    private static List<String> agents(Path out) throws Exception {
        List<String> agents = new ArrayList<>();
        for (JsonNode row :
                JSON.readTree(out.resolve("leaderboard.json").toFile()).get("leaderboard")) {
            agents.add(row.get("agent").asText());
        }
        return agents;
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> severe =
                browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                        .toList();
        assertThat(severe).isEmpty();
    }
}
