package org.gapsync.source.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.testing.Fixtures;
import org.gapsync.platform.cli.ExitCodes;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.home.PlatformKind;
import org.gapsync.source.ledger.SourceLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console as a browser meets it, over HTTP: the one-time link, each page, the
 * downloads, the audit trail of who looked, a role taken away, a request under another
 * name; and beyond this machine, TLS with console passwords.
 */
class ConsoleTest {
  private static final String RECORD = "F001-1998-0002";
  private final SigningKey target = Fixtures.key("reading-room");
  private final List<Thread> consoles = new ArrayList<>();
  private final List<SourceCommand> roots = new ArrayList<>();
  @TempDir
  Path dir;
  private PackageHeader sent;

  @BeforeEach
  void setUp() throws Exception {
    SourceCli.homeWithDestination(dir, "reading-room", "reading-room.xml", target);
    sent = SourceCli.build(dir, "reading-room");
  }

  @AfterEach
  void stopConsoles() throws InterruptedException {
    for (SourceCommand root : roots) {
      root.interruption().request();
    }
    for (Thread t : consoles) {
      t.join(10_000);
    }
  }

  /** A console running in this process: what it printed, and how it ended. */
  private record Running(StringWriter out, StringWriter err, AtomicInteger code) {}

  private Running start(String... options) throws InterruptedException {
    var cli = SourceCommand.commandLine(Fixtures.CLOCK, SourceCli.ME);
    roots.add((SourceCommand) cli.getCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("--home", dir.resolve("home").toString(),
        "console"));
    args.addAll(List.of(options));
    AtomicInteger code = new AtomicInteger(-1);
    Thread t = new Thread(() -> code.set(cli.execute(args.toArray(String[]::new))));
    t.start();
    consoles.add(t);
    for (int i = 0; i < 200 && !out.toString().contains("Ctrl-C") && code.get() < 0; i++) {
      Thread.sleep(50);
    }
    return new Running(out, err, code);
  }

  /** Returns the one-time sign-in link {@code console} printed. */
  private static String link(Running console) {
    return find("open (http://127\\.0\\.0\\.1:\\d+/sign-in\\?token=\\S+) in a browser",
        console.out().toString());
  }

  private static String find(String pattern, String text) {
    Matcher m = Pattern.compile(pattern).matcher(text);
    assertTrue(m.find(), pattern + " in: " + text);
    return m.group(1);
  }

  private static HttpResponse<String> get(HttpClient http, URI uri, String cookie)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<?> r) {
    String set = r.headers().firstValue("Set-Cookie").orElseThrow();
    return set.substring(0, set.indexOf(';'));
  }

  @Test
  void theOneTimeLinkSignsInOnceAndEveryPageIsShownAndRecorded() throws Exception {
    Running console = start();
    String link = link(console);
    URI base = URI.create(link).resolve("/");
    HttpClient http = HttpClient.newHttpClient();

    assertEquals(401, get(http, base.resolve("/records"), null).statusCode());
    HttpResponse<String> signIn = get(http, URI.create(link), null);
    assertEquals(302, signIn.statusCode(), signIn.body());
    String cookie = cookie(signIn);
    assertTrue(signIn.headers().firstValue("Set-Cookie").orElseThrow().contains("HttpOnly"));
    HttpResponse<String> again = get(http, URI.create(link), null);
    assertEquals(403, again.statusCode());
    assertTrue(again.body().contains("used already"), again.body());

    HttpResponse<String> home = get(http, base, cookie);
    assertEquals(200, home.statusCode(), home.body());
    assertTrue(home.body().contains("reading-room"), home.body());
    assertTrue(home.body().contains("chains hold"), home.body());
    assertTrue(home.body().contains(sent.packageId().value()), home.body());
    assertTrue(home.headers().firstValue("Content-Security-Policy").orElseThrow()
        .contains("default-src 'none'"));

    HttpResponse<String> search = get(http, base.resolve("/records?q=1998-0002&in=id"), cookie);
    assertTrue(search.body().contains("1 record found"), search.body());
    assertTrue(search.body().contains("/record?id=" + RECORD), search.body());
    HttpResponse<String> byTitle = get(http, base.resolve("/records?q=zzz-no-such&in=title"),
        cookie);
    assertTrue(byTitle.body().contains("0 records found"), byTitle.body());

    HttpResponse<String> record = get(http, base.resolve("/record?id=" + RECORD), cookie);
    assertEquals(200, record.statusCode());
    assertTrue(record.body().contains("At each destination"), record.body());
    assertTrue(record.body().contains("exported"), record.body());
    assertTrue(record.body().contains("metadata.xml"), record.body());
    assertEquals(404, get(http, base.resolve("/record?id=NO-SUCH"), cookie).statusCode());

    HttpResponse<String> packages = get(http, base.resolve("/packages"), cookie);
    assertTrue(packages.body().contains("awaiting its receipt"), packages.body());
    assertTrue(packages.body().contains("/form?package=" + sent.packageId().value()),
        packages.body());

    HttpResponse<String> csv = get(http, base.resolve("/report.csv"), cookie);
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow()
        .startsWith("attachment; filename=\"ledger-report-archive-lan-"));
    assertTrue(csv.body().startsWith("section,destination,archivalId,title"), csv.body());
    HttpResponse<byte[]> form = http.send(HttpRequest.newBuilder(base.resolve("/form?package="
        + sent.packageId().value() + "&lang=en")).header("Cookie", cookie).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, form.statusCode());
    assertEquals("%PDF", new String(form.body(), 0, 4, StandardCharsets.US_ASCII));

    HttpResponse<String> audit = get(http, base.resolve("/audit?command=console"), cookie);
    assertTrue(audit.body().contains("The audit chain holds"), audit.body());
    assertTrue(audit.body().contains("/record?id=" + RECORD), audit.body());
    assertTrue(audit.body().contains("console sign-in"), audit.body());

    String events = SourceCli.run(dir, "ledger", "events", "--command", "console",
        "--format", "csv").out();
    assertTrue(events.contains(",console view,/records?q=1998-0002&in=id,success"), events);
    assertTrue(events.contains(",console view,/record?id=NO-SUCH,failed"), events);
    assertTrue(events.contains(",console sign-in,one-time link,refused"), events);
    assertTrue(events.contains("," + SourceCli.ME + ",console view,/report.csv,success"),
        events);
  }

  @Test
  void aPageIsRefusedOnceTheRoleIsGoneAndOtherNamesAreNotAnswered() throws Exception {
    Running console = start();
    String link = link(console);
    URI base = URI.create(link).resolve("/");
    HttpClient http = HttpClient.newHttpClient();
    String cookie = cookie(get(http, URI.create(link), null));

    // A page on another site that names this machine (DNS rebinding) reaches it by that name.
    try (Socket s = new Socket("127.0.0.1", base.getPort())) {
      Writer w = new java.io.OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
      w.write("GET / HTTP/1.1\r\nHost: attacker.example:" + base.getPort() + "\r\nCookie: "
          + cookie + "\r\nConnection: close\r\n\r\n");
      w.flush();
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
      assertTrue(status.contains(" 421 "), status);
    }
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(base.resolve("/sign-out"))
        .header("Cookie", cookie).header("Origin", "http://attacker.example")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(403, posted.statusCode());

    try (SourceLedger ledger = SourceLedger.open(PlatformHome.at(dir.resolve("home"),
        PlatformKind.SOURCE).ledger(), Fixtures.CLOCK, "test")) {
      ledger.inSharedTables(sql -> sql.update("DELETE FROM platform_user WHERE role = ?",
          "archivist"));
    }
    HttpResponse<String> refused = get(http, base.resolve("/packages"), cookie);
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("This page is for the roles archivist, auditor; "
        + SourceCli.ME + " holds [admin]."), refused.body());
    assertFalse(refused.body().contains("href=\"/packages\""), refused.body());
    String events = SourceCli.run(dir, "ledger", "events", "--format", "csv").out();
    assertTrue(events.contains(",console view,/packages,refused,\"needs archivist, auditor\""),
        events);
  }

  @Test
  void beyondThisMachineItNeedsTlsAndAPassword() throws Exception {
    Running plain = start("--bind", "0.0.0.0");
    assertEquals(ExitCodes.USAGE, plain.code().get(), plain.err().toString());
    assertTrue(plain.err().toString().contains("--bind 0.0.0.0 listens beyond this machine: "
        + "give --tls-keystore"), plain.err().toString());

    Path store = dir.resolve("console.p12");
    Path storePassword = dir.resolve("console.pw");
    Files.writeString(storePassword, "store secret\n");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-alias", "console", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext",
        "san=dns:localhost,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "store secret").inheritIO().start();
    assertEquals(0, keytool.waitFor());

    Running nobody = start("--tls-keystore", store.toString(), "--tls-password-file",
        storePassword.toString());
    assertEquals(ExitCodes.USAGE, nobody.code().get(), nobody.err().toString());
    assertTrue(nobody.err().toString().contains("nobody could sign in"), nobody.err()
        .toString());

    Files.writeString(dir.resolve("short.pw"), "short\n");
    SourceCli.Run tooShort = SourceCli.run(dir, "user", "password", SourceCli.ME,
        "--password-file", dir.resolve("short.pw").toString());
    assertEquals(ExitCodes.USAGE, tooShort.code(), tooShort.err());
    assertTrue(tooShort.err().contains("give at least 12"), tooShort.err());
    Files.writeString(dir.resolve("me.pw"), "a long console password\n");
    SourceCli.Run set = SourceCli.run(dir, "user", "password", SourceCli.ME,
        "--password-file", dir.resolve("me.pw").toString());
    assertEquals(0, set.code(), set.err());
    try (SourceLedger ledger = SourceLedger.open(PlatformHome.at(dir.resolve("home"),
        PlatformKind.SOURCE).ledger(), Fixtures.CLOCK, "test")) {
      String hash = ledger.inSharedTables(sql -> sql.queryOne("SELECT hash FROM "
          + "console_password WHERE name = ?", rs -> rs.getString(1), SourceCli.ME))
          .orElseThrow();
      assertTrue(hash.startsWith("$2b$12$"), hash);
    }

    Running console = start("--tls-keystore", store.toString(), "--tls-password-file",
        storePassword.toString());
    String address = find("console at (https://127\\.0\\.0\\.1:\\d+/)", console.out()
        .toString());
    assertTrue(console.out().toString().contains("sign in with a console password"));
    URI base = URI.create(address.replace("127.0.0.1", "localhost"));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      trust.load(in, "store secret".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(
        TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).build();

    HttpResponse<String> first = get(http, base.resolve("/packages"), null);
    assertEquals(302, first.statusCode());
    assertEquals("/sign-in?then=%2Fpackages", first.headers().firstValue("Location")
        .orElseThrow());
    HttpResponse<String> wrong = post(http, base.resolve("/sign-in"), "user=" + SourceCli.ME
        + "&password=not+the+password&then=%2Fpackages");
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("The user name or the password is wrong"), wrong.body());
    HttpResponse<String> right = post(http, base.resolve("/sign-in"), "user=" + SourceCli.ME
        + "&password=a+long+console+password&then=%2Fpackages");
    assertEquals(302, right.statusCode(), right.body());
    assertEquals("/packages", right.headers().firstValue("Location").orElseThrow());
    assertTrue(right.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"));
    HttpResponse<String> page = get(http, base.resolve("/packages"), cookie(right));
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains(sent.packageId().value()), page.body());

    String events = SourceCli.run(dir, "ledger", "events", "--command", "console sign-in",
        "--format", "csv").out();
    assertTrue(events.contains(SourceCli.ME + ",console sign-in,password,refused"), events);
    assertTrue(events.contains(SourceCli.ME + ",console sign-in,password,success"), events);
  }

  private static HttpResponse<String> post(HttpClient http, URI uri, String form)
      throws Exception {
    return http.send(HttpRequest.newBuilder(uri).header("Content-Type",
        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
