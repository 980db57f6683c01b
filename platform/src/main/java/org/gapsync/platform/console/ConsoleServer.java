package org.gapsync.platform.console;

import gg.jte.html.HtmlContent;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.util.JavalinException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.gapsync.platform.access.ConsolePasswords;
import org.gapsync.platform.access.Role;
import org.gapsync.platform.access.Users;
import org.gapsync.platform.audit.AuditTrail;
import org.gapsync.platform.ledger.Ledger;
import org.gapsync.platform.ledger.LedgerException;
import org.gapsync.platform.page.Heading;
import org.gapsync.platform.page.Templates;

/**
 * A platform's read-only web console: serves a {@link ConsoleSite}'s pages (Javalin, on Jetty)
 * to people signed in through {@link ConsoleSessions}, each page only to the roles it names,
 * and appends every sign-in and page view to the platform's audit trail ({@code console
 * sign-in}, {@code console view}, with the outcome), unless the ledger is read-only.
 *
 * <p>Each request opens the ledger, answers, records the view and lets the ledger go, one
 * request at a time, so that the platform's commands run between requests. Every answer tells
 * the browser to keep nothing, to run no script and to frame nothing; on a loopback address
 * only requests naming that address are answered, so that no other site's page can reach the
 * console through a name that resolves to this machine.
 *
 * <pre>{@code
 * try (ConsoleServer console = ConsoleServer.start(site, settings, clock, "li.na")) {
 *   System.out.println(console.signInLink().orElse(console.address()));
 *   ...
 * }
 * }</pre>
 */
public final class ConsoleServer implements AutoCloseable {
  private static final String COOKIE = "gapsync-console";
  private static final String VIEW = "console view";
  private static final String SIGN_IN = "console sign-in";
  private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
      + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final ConsoleSite site;
  private final ConsoleSettings settings;
  private final Clock clock;
  private final String starter;
  private final ConsoleSessions sessions;
  private final Templates templates = new Templates(ConsoleServer.class,
      "org.gapsync.platform.page.jte");
  private final ReentrantLock ledgerLock = new ReentrantLock();
  private Javalin app;
  private int port;

  private ConsoleServer(ConsoleSite site, ConsoleSettings settings, Clock clock,
      String starter) {
    this.site = Objects.requireNonNull(site, "site");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.starter = Objects.requireNonNull(starter, "starter");
    this.sessions = new ConsoleSessions(clock, !settings.signsInWithPasswords());
  }

  /**
   * Starts the console of {@code site} where {@code settings} say, started by {@code starter},
   * whom the one-time link signs in.
   *
   * @throws IOException if it cannot listen there
   */
  public static ConsoleServer start(ConsoleSite site, ConsoleSettings settings, Clock clock,
      String starter) throws IOException {
    ConsoleServer server = new ConsoleServer(site, settings, clock, starter);
    server.listen();
    return server;
  }

  private void listen() throws IOException {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.jetty.host = settings.address().getHostAddress();
      config.jetty.port = settings.port();
      settings.tls().ifPresent(tls -> config.jetty.addConnector((server, http) -> {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.password()));
        HttpConfiguration https = new HttpConfiguration(http);
        // The certificate names the host people use, which need not be the bound address.
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server,
            new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost(settings.address().getHostAddress());
        connector.setPort(settings.port());
        return connector;
      }));
      config.routes.before(this::protect);
      config.routes.get("/sign-in", this::signInPage);
      config.routes.post("/sign-in", this::signInWithPassword);
      config.routes.post("/sign-out", this::signOut);
      for (ConsolePage page : site.pages()) {
        config.routes.get(page.path(), ctx -> serve(ctx, page));
      }
      config.routes.error(404, "*", ctx -> {
        if (ctx.result() == null || ctx.result().isEmpty()) {
          message(ctx, 404, "Not found", "There is no page at " + ctx.path() + ".", "");
        }
      });
    });
    try {
      app.start();
    } catch (JavalinException e) {
      throw new IOException("cannot listen on " + settings.address().getHostAddress() + ":"
          + settings.port() + ": " + (e.getCause() == null ? e.getMessage()
              : e.getCause().getMessage()) + "; choose another --port", e);
    }
    port = ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
  }

  /** Returns the console's address, such as {@code https://192.0.2.7:8443/}. */
  public URI address() {
    InetAddress a = settings.address();
    String host = a.getHostAddress();
    if (a.isAnyLocalAddress()) {
      try {
        host = InetAddress.getLocalHost().getCanonicalHostName();
      } catch (java.net.UnknownHostException e) {
        host = "localhost";
      }
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((settings.signsInWithPasswords() ? "https" : "http") + "://" + host + ":"
        + port + "/");
  }

  /** Returns the one-time sign-in link, until it has been used; none with passwords. */
  public Optional<URI> signInLink() {
    return sessions.token().map(t -> address().resolve("sign-in?token=" + t));
  }

  /** Stops the console: it answers no request more. */
  @Override
  public void close() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  // Every answer: keep nothing, run no script, frame nothing; and only this console's name.
  private void protect(Context ctx) {
    ctx.header("Content-Security-Policy", POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Frame-Options", "DENY");
    if (!settings.signsInWithPasswords() && !isOwnHost(ctx.header("Host"))) {
      ctx.status(421).result("this console answers only at " + address());
      ctx.skipRemainingHandlers();
    } else if ("POST".equals(ctx.method().name()) && !isOwnOrigin(ctx)) {
      ctx.status(403).result("a form of another site (" + ctx.header("Origin") + ") cannot "
          + "post to this console");
      ctx.skipRemainingHandlers();
    }
  }

  private boolean isOwnHost(String host) {
    if (host == null) {
      return false;
    }
    InetAddress a = settings.address();
    List<String> names = new ArrayList<>(List.of(a.getHostAddress() + ":" + port));
    if (a.isLoopbackAddress()) {
      names.addAll(List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port));
    }
    return names.contains(host.toLowerCase(java.util.Locale.ROOT));
  }

  // A browser names the page a form was posted from: it must be one of this console's.
  private boolean isOwnOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    return origin == null || origin.equals((settings.signsInWithPasswords() ? "https" : "http")
        + "://" + ctx.header("Host"));
  }

  private void signInPage(Context ctx) throws IOException {
    if (settings.signsInWithPasswords()) {
      signInForm(ctx, 200, "", safeThen(ctx.queryParam("then")));
      return;
    }
    Optional<String> session = sessions.spend(ctx.queryParam("token"), starter);
    audit(starter, SIGN_IN, "one-time link", session.isPresent() ? "success" : "refused",
        session.isPresent() ? "from " + ctx.ip() : "a used or wrong link, from " + ctx.ip());
    if (session.isEmpty()) {
      message(ctx, 403, "Sign-in link used", "This sign-in link was used already, or is not "
          + "this console's: each link signs in once. Stop the console and start it again "
          + "for a new link.", "");
      return;
    }
    setSession(ctx, session.get());
    ctx.redirect("/");
  }

  private void signInWithPassword(Context ctx) throws IOException {
    if (!settings.signsInWithPasswords()) {
      message(ctx, 404, "Not found", "This console signs in with the link it printed.", "");
      return;
    }
    String user = Optional.ofNullable(ctx.formParam("user")).orElse("").strip();
    String then = safeThen(ctx.formParam("then"));
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    boolean isRight = withLedger(ledger -> !user.isEmpty()
        && ConsolePasswords.of(ledger).matches(user, password)
        && Users.of(ledger).roles(user).stream().anyMatch(site.roles()::contains));
    java.util.Arrays.fill(password, '\0');
    audit(user.isEmpty() ? "-" : user, SIGN_IN, "password", isRight ? "success" : "refused",
        "from " + ctx.ip());
    if (!isRight) {
      signInForm(ctx, 401, "The user name or the password is wrong, or the user holds no "
          + "role that may use this console.", then);
      return;
    }
    setSession(ctx, sessions.open(user));
    ctx.redirect(then);
  }

  private void signOut(Context ctx) throws IOException {
    Optional<String> user = sessions.user(ctx.cookie(COOKIE));
    if (user.isPresent()) {
      audit(user.get(), "console sign-out", "", "success", "");
    }
    sessions.close(ctx.cookie(COOKIE));
    Cookie gone = cookie("");
    gone.setMaxAge(0);
    ctx.cookie(gone);
    message(ctx, 200, "Signed out", "You have signed out of the console.",
        settings.signsInWithPasswords() ? "/sign-in" : "");
  }

  private void serve(Context ctx, ConsolePage page) throws IOException {
    Optional<String> user = sessions.user(ctx.cookie(COOKIE));
    if (user.isEmpty()) {
      if (settings.signsInWithPasswords()) {
        ctx.redirect(ConsoleRequest.link("/sign-in", "then", pathAndQuery(ctx)));
      } else {
        message(ctx, 401, "Not signed in", "Open the sign-in link the console printed when "
            + "it started; it signs in once, in one browser.", "");
      }
      return;
    }
    Instant at = clock.instant();
    String object = pathAndQuery(ctx);
    ledgerLock.lock();
    try {
      Ledger<?> ledger = site.ledger().open();
      try {
        Set<Role> roles = Users.of(ledger).roles(user.get());
        ConsoleNav nav = nav(user.get(), roles, page, ledger);
        if (!page.isOpenTo(roles)) {
          append(ledger, at, user.get(), VIEW, object, "refused", "needs " + labels(page));
          message(ctx, 403, "Not permitted", "This page is for the roles " + labels(page)
              + "; " + user.get() + " holds " + (roles.isEmpty() ? "none" : roles.stream()
                  .map(Role::label).sorted().toList()) + ".", "", nav);
          return;
        }
        Map<String, String> query = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        ConsoleRequest request = new ConsoleRequest(user.get(), roles, ledger, query, at,
            site.zone(), title -> view(title, nav));
        ConsoleAnswer answer = page.answer().answer(request);
        String outcome = write(ctx, answer, nav);
        append(ledger, at, user.get(), VIEW, object, outcome, outcome.equals("success") ? ""
            : ((ConsoleAnswer.Refusal) answer).message);
      } finally {
        site.ledger().release();
      }
    } catch (LedgerException e) {
      message(ctx, 503, "Ledger unavailable", e.getMessage() + ". Reload the page in a "
          + "moment.", "");
    } finally {
      ledgerLock.unlock();
    }
  }

  private String write(Context ctx, ConsoleAnswer answer, ConsoleNav nav) throws IOException {
    if (answer instanceof ConsoleAnswer.Page p) {
      StringWriter html = new StringWriter();
      p.html.write(html);
      ctx.html(html.toString());
      return "success";
    }
    if (answer instanceof ConsoleAnswer.Download d) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      d.body.write(bytes);
      ctx.contentType(d.contentType);
      ctx.header("Content-Disposition", "attachment; filename=\"" + d.fileName + "\"");
      ctx.result(bytes.toByteArray());
      return "success";
    }
    ConsoleAnswer.Refusal r = (ConsoleAnswer.Refusal) answer;
    message(ctx, r.status, r.title, r.message, "", nav);
    return "failed";
  }

  private ConsoleNav nav(String user, Set<Role> roles, ConsolePage here, Ledger<?> ledger) {
    List<ConsoleNav.Link> links = site.pages().stream().filter(p -> p.isListed()
        && p.isOpenTo(roles)).map(p -> new ConsoleNav.Link(p.path(), p.label(), p == here))
        .toList();
    return new ConsoleNav(site.title(), links, user, !ledger.isReadOnly());
  }

  private ConsoleView view(String title, ConsoleNav nav) {
    StringWriter html = new StringWriter();
    try {
      templates.write("console-nav.jte", nav, html);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String rendered = html.toString();
    HtmlContent content = out -> out.writeContent(rendered);
    return new ConsoleView(Heading.of(title, site.title() + (site.organisation().isEmpty() ? ""
        : ", " + site.organisation()), clock.instant().atZone(site.zone()), nav.user().isEmpty()
            ? "—" : nav.user(), site.software()), content, site.zone());
  }

  private void message(Context ctx, int status, String title, String message, String signIn)
      throws IOException {
    message(ctx, status, title, message, signIn, new ConsoleNav(site.title(), List.of(), "",
        true));
  }

  private void message(Context ctx, int status, String title, String message, String signIn,
      ConsoleNav nav) throws IOException {
    StringWriter html = new StringWriter();
    templates.write("console-message.jte", new ConsoleMessage(view(title, nav), message,
        signIn), html);
    ctx.status(status).html(html.toString());
  }

  private void signInForm(Context ctx, int status, String problem, String then)
      throws IOException {
    StringWriter html = new StringWriter();
    templates.write("console-sign-in.jte", new SignIn(view("Sign in", new ConsoleNav(
        site.title(), List.of(), "", true)), problem, then), html);
    ctx.status(status).html(html.toString());
  }

  private void setSession(Context ctx, String id) {
    ctx.cookie(cookie(id));
  }

  private Cookie cookie(String value) {
    return new Cookie(COOKIE, value, "/", -1, settings.signsInWithPasswords(), true, null,
        SameSite.STRICT);
  }

  private static String safeThen(String then) {
    return then != null && then.startsWith("/") && !then.startsWith("//")
        && !then.contains("\\") ? then : "/";
  }

  private static String pathAndQuery(Context ctx) {
    return ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
  }

  private static String labels(ConsolePage page) {
    return String.join(", ", page.roles().stream().map(Role::label).sorted().toList());
  }

  /** Work with the ledger open. */
  private interface LedgerWork<T> {
    T apply(Ledger<?> ledger) throws IOException;
  }

  private <T> T withLedger(LedgerWork<T> work) throws IOException {
    ledgerLock.lock();
    try {
      Ledger<?> ledger = site.ledger().open();
      try {
        return work.apply(ledger);
      } finally {
        site.ledger().release();
      }
    } finally {
      ledgerLock.unlock();
    }
  }

  private void audit(String actor, String action, String object, String outcome,
      String details) throws IOException {
    withLedger(ledger -> {
      append(ledger, clock.instant(), actor, action, object, outcome, details);
      return null;
    });
  }

  private void append(Ledger<?> ledger, Instant at, String actor, String action, String object,
      String outcome, String details) throws IOException {
    if (!ledger.isReadOnly()) {
      AuditTrail.of(ledger).append(site.ledger().digest(), at, actor, action, object, outcome,
          details);
    }
  }
}
