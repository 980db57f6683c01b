package org.gapsync.platform.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.gapsync.platform.home.PlatformHome;
import org.gapsync.platform.home.PlatformKind;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every command of an application takes: {@code --home}, {@code --passphrase-file}
 * and {@code --verbose}, with their environment variables named after the application
 * ({@code TARGET_PLATFORM_HOME}, {@code TARGET_PLATFORM_PASSPHRASE}). The descriptions come from
 * the root command's resource bundle (keys {@code home}, {@code passphrase-file},
 * {@code verbose}), so that help names the application's own variables.
 *
 * <pre>{@code
 * @Mixin PlatformOptions options = new PlatformOptions(PlatformKind.TARGET);
 * }</pre>
 */
public final class PlatformOptions {
  @Option(names = "--home", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
      descriptionKey = "home")
  private Path home;

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      scope = CommandLine.ScopeType.INHERIT, descriptionKey = "passphrase-file")
  private Path passphraseFile;

  @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, descriptionKey = "verbose")
  private boolean verbose;

  private final PlatformKind kind;

  /** Creates the options of {@code kind}'s application. */
  public PlatformOptions(PlatformKind kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Returns the variable that names the default home, such as {@code SOURCE_PLATFORM_HOME}. */
  public String homeVariable() {
    return prefix() + "_HOME";
  }

  /** Returns the variable that holds the key's passphrase. */
  public String passphraseVariable() {
    return prefix() + "_PASSPHRASE";
  }

  /** Returns the home chosen by {@code --home}, the environment or the default folder. */
  public PlatformHome home() {
    if (home != null) {
      return PlatformHome.at(home, kind);
    }
    String env = System.getenv(homeVariable());
    String folder = kind.name().toLowerCase(Locale.ROOT) + "-home";
    return PlatformHome.at(Path.of(env != null && !env.isEmpty() ? env : folder), kind);
  }

  /** Reads the key's passphrase from the file, the environment or a prompt. */
  public Passphrase passphrase(CommandLine cli, boolean twice) throws IOException {
    return Passphrase.read(cli, Optional.ofNullable(passphraseFile), passphraseVariable(),
        twice);
  }

  /** Returns whether diagnostics and stack traces are shown. */
  public boolean isVerbose() {
    return verbose;
  }

  private String prefix() {
    return kind.command().toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
