package org.gapsync.platform.cli;

import java.time.Duration;
import org.gapsync.platform.ferry.Arrival;
import picocli.CommandLine.Option;

/** The options both ferries take, but for how often they run. */
public final class FerryOptions {
  @Option(names = "--arrival", defaultValue = "rename", paramLabel = "CONVENTION",
      converter = Rounds.ArrivalConverter.class,
      description = "How a file shows it is whole, as the appliance is set up: rename (written "
          + "under a hidden .NAME.partial, renamed last) or marker (NAME.done, with its length "
          + "and SHA-256, written last). Default: ${DEFAULT-VALUE}.")
  private Arrival arrival;

  @Option(names = "--settle", defaultValue = "10s", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "With --arrival rename: how long a file must stay unchanged before it "
          + "counts as arrived (an appliance may write under the final name). Default: "
          + "${DEFAULT-VALUE}.")
  private Duration settle;

  @Option(names = "--log-format", defaultValue = "text", paramLabel = "FORMAT",
      converter = ServiceLog.FormatConverter.class,
      description = "text (one line per action) or json (one JSON object per line, for a log "
          + "collector: time, service, action, message). Default: ${DEFAULT-VALUE}.")
  private ServiceLog.Format logFormat;

  @Option(names = "--once", description = "Do one round and exit (for cron, systemd timers "
      + "and scripts).")
  private boolean once;

  /** Returns the arrival convention. */
  public Arrival arrival() {
    return arrival;
  }

  /** Returns how long a file must stay unchanged to count as arrived. */
  public Duration settle() {
    return settle;
  }

  /** Returns how the log is written. */
  public ServiceLog.Format logFormat() {
    return logFormat;
  }

  /** Returns the log of the ferry {@code service} ({@code source ferry}) onto {@code out}. */
  public ServiceLog log(java.io.PrintWriter out, java.time.Clock clock, String service) {
    return new ServiceLog(out, logFormat, clock, service);
  }

  /** Returns how a run goes, for its first line: {@code one round}, or how often. */
  public String schedule(Duration every) {
    return once ? "one round" : "a round every " + DurationConverter.describe(every);
  }

  /** Returns whether one round is run, then the command exits. */
  public boolean isOnce() {
    return once;
  }
}
