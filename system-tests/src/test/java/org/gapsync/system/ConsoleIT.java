package org.gapsync.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapsync.format.files.FileTrees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web consoles in a real browser, as an auditor uses them: Debian's Chromium, driven by
 * Selenium through its chromedriver, opens each page of the source's console and of the
 * target's, searches a record, follows it to its history, downloads the ledger report and the
 * audit trail; a screenshot of each page goes to {@code target/console-screenshots/} for a
 * person to look at.
 */
class ConsoleIT {
  private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Launchers.ROOT.resolve(
      "system-tests/target/console-screenshots");
  private static final String RECORD = "F001-1998-0001";
  private static final String PACKAGE = "archive-lan-backup-000001";

  @TempDir
  Path work;
  private Path downloads;
  private WebDriver browser;
  private Launchers.Running sourceConsole;
  private Launchers.Running targetConsole;

  @BeforeEach
  void openBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no Chromium or "
        + "chromedriver here: bin/lib/install-test-tools installs the Debian packages "
        + "chromium and chromium-driver");
    downloads = Files.createDirectories(work.resolve("downloads"));
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--window-size=1280,1400", "--user-data-dir=" + work.resolve("chromium-profile"));
    options.setExperimentalOption("prefs", Map.of("download.default_directory",
        downloads.toString(), "download.prompt_for_download", false));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
  }

  @AfterEach
  void close() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    for (Launchers.Running console : new Launchers.Running[] {sourceConsole, targetConsole}) {
      if (console != null && console.process().isAlive()) {
        console.process().destroy();
        console.await();
      }
    }
  }

  private static String link(Launchers.Running console) throws Exception {
    Pattern p = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/sign-in\\?token=\\S+) in");
    for (int i = 0; i < 600; i++) {
      Matcher m = p.matcher(console.outSoFar());
      if (m.find()) {
        return m.group(1);
      }
      if (!console.process().isAlive()) {
        throw new AssertionError("the console ended:\n" + console.await().all());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the console printed no link: " + console.outSoFar());
  }

  private void shoot(String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private String heading() {
    List<WebElement> h1 = browser.findElements(By.tagName("h1"));
    assertTrue(!h1.isEmpty(), () -> "no heading on " + browser.getCurrentUrl() + ":\n"
        + browser.getPageSource());
    return h1.get(0).getText();
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private void follow(String label) {
    click(By.linkText(label));
  }

  /** Clicks what {@code what} finds and waits for the page it leads to. */
  private void click(By what) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(what).click();
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> isGone(page));
  }

  /** Returns whether {@code element} left the page: the browser no longer knows it. */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (WebDriverException gone) {
      // Stale, or "does not belong to the document" while the next page loads: gone either way.
      return true;
    }
  }

  private Path downloaded(String prefix) throws Exception {
    for (int i = 0; i < 200; i++) {
      try (var files = Files.list(downloads)) {
        var found = files.filter(f -> f.getFileName().toString().startsWith(prefix)
            && !f.getFileName().toString().endsWith(".crdownload")).findFirst();
        if (found.isPresent()) {
          return found.get();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("nothing named " + prefix + "* was downloaded");
  }

  @Test
  void anAuditorWalksBothConsolesInABrowser() throws Exception {
    Launchers sh = new Launchers(work).pair();
    FileTrees.copy(Launchers.ROOT.resolve("docs/examples/holdings"), work.resolve("holdings"));
    sh.source("source", "holdings", "scan", "holdings").expect(0);
    Files.createDirectories(work.resolve("usb"));
    sh.source("source", "package", "build", "--destination", "backup", "--to", "usb")
        .expect(0);
    sh.target("backup", "package", "import", "usb/" + sh.list("usb").get(0), "--receipt-to",
        "receipts").expect(0);
    sh.source("source", "receipt", "ingest", "receipts").expect(0);

    sourceConsole = sh.startSource("source", "console");
    browser.get(link(sourceConsole));
    assertEquals("Dashboard", heading());
    assertTrue(text("chain").startsWith("The ledger's chains hold"), text("chain"));
    assertTrue(text("destinations").contains("backup"), text("destinations"));
    shoot("source-dashboard");

    follow("Records");
    browser.findElement(By.id("q")).sendKeys("1998-0001");
    click(By.id("search"));
    assertTrue(text("found").startsWith("1 record found"), text("found"));
    shoot("source-records");
    follow(RECORD);
    assertEquals("Record " + RECORD, heading());
    assertTrue(text("states").contains("confirmed"), text("states"));
    assertTrue(text("history").contains("exported") && text("history").contains("confirmed"),
        text("history"));
    shoot("source-record");

    follow("Packages");
    assertTrue(text("packages").contains(PACKAGE + ".receipt"), text("packages"));
    shoot("source-packages");

    follow("Audit trail");
    assertTrue(text("chain").startsWith("The audit chain holds"), text("chain"));
    assertTrue(text("events").contains("console view"), text("events"));
    shoot("source-audit");

    follow("Reports");
    shoot("source-reports");
    browser.findElement(By.id("report-csv")).click();
    Path csv = downloaded("ledger-report-archive-lan-");
    assertTrue(Files.readString(csv).startsWith("section,destination,archivalId,title"));
    click(By.id("report-html"));
    assertEquals("Sync ledger report", heading());
    shoot("source-report");

    browser.navigate().back();
    click(By.id("sign-out"));
    assertEquals("Signed out", heading());
    browser.navigate().to(browser.getCurrentUrl().replace("/sign-out", "/records"));
    assertEquals("Not signed in", heading());

    targetConsole = sh.startTarget("backup", "console");
    browser.get(link(targetConsole));
    assertEquals("Dashboard", heading());
    assertTrue(text("sources").contains("archive-lan"), text("sources"));
    assertTrue(text("receipts").contains(PACKAGE + ".receipt"), text("receipts"));
    assertTrue(text("holding").startsWith("The replica holds 10 records"), text("holding"));
    shoot("target-dashboard");
    follow("Records");
    browser.findElement(By.id("q")).sendKeys(RECORD);
    click(By.id("search"));
    shoot("target-records");
    follow(RECORD);
    assertTrue(browser.findElement(By.className("history")).getText().contains(PACKAGE));
    shoot("target-record");
    follow("Packages");
    assertTrue(text("packages").contains("applied"), text("packages"));
    shoot("target-packages");
    follow("Audit trail");
    shoot("target-audit");
    browser.findElement(By.id("download")).click();
    Path events = downloaded("audit-trail-");
    assertTrue(Files.readString(events).contains(",console view,/records?q=" + RECORD),
        Files.readString(events));

    sourceConsole.process().destroy();
    sourceConsole.await().expect(143).says("the console stopped");
    List<String> views = sh.source("source", "ledger", "events", "--command", "console view",
        "--format", "csv").expect(0).out().lines().toList();
    String me = System.getProperty("user.name");
    for (String page : List.of("/,", "/records?q=1998-0001", "/record?id=" + RECORD,
        "/packages,", "/audit,", "/reports,", "/report.csv", "/report?")) {
      assertTrue(views.stream().anyMatch(l -> l.contains("," + me + ",console view," + page)),
          page + " in " + views);
    }
  }
}
