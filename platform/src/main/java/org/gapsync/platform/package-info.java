/**
 * What the source and target applications share: the platform {@code home}, the {@code ledger}
 * database, and the {@code cli} conventions (passphrases, exit codes, error lines).
 */
package org.gapsync.platform;
