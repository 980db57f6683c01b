/**
 * The {@code target-platform} command line: {@link org.gapsync.target.cli.TargetCommand} and one
 * class per subcommand, each calling one service of {@code ingest}, {@code replica} or the
 * ledger.
 */
package org.gapsync.target.cli;
