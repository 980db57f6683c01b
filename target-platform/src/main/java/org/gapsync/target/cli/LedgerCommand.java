package org.gapsync.target.cli;

import org.gapsync.platform.cli.AuditEventsCommand;
import org.gapsync.platform.cli.AuditSealCommand;
import org.gapsync.platform.cli.AuditVerifyCommand;
import org.gapsync.platform.cli.LedgerMigrateCommand;
import org.gapsync.platform.cli.PremisExportCommand;
import picocli.CommandLine.Command;

/** {@code ledger}: the target's ledger, for auditors. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
    description = "The target's ledger, for auditors.",
    subcommands = {AuditVerifyCommand.class, AuditEventsCommand.class, AuditSealCommand.class,
        PremisExportCommand.class, LedgerMigrateCommand.class})
final class LedgerCommand {}
