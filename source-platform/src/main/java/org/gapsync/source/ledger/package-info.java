/**
 * The source's sync management database: records and their files, destinations, the state of
 * each record at each destination, packages, and every event. {@link SourceLedger} opens it and
 * runs work in transactions; SQL never leaves this package.
 */
package org.gapsync.source.ledger;
