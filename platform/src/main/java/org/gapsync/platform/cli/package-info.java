/**
 * Command-line conventions both applications share: {@link
 * org.gapsync.platform.cli.Conventions} (error lines, exit codes, logging), {@link
 * org.gapsync.platform.cli.ExitCodes} and {@link org.gapsync.platform.cli.Passphrase}.
 */
package org.gapsync.platform.cli;
