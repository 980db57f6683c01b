/**
 * The target's ledger: which packages were applied, rejected or are waiting, how far each
 * source's sequence has come, and every file of the replica with the package that brought it.
 * Start with {@link org.gapsync.target.ledger.TargetLedger}.
 */
package org.gapsync.target.ledger;
