/**
 * The ledger plumbing both applications share: {@link org.gapsync.platform.ledger.Database}
 * opens it (H2 by default), brings the shared tables ({@link
 * org.gapsync.platform.ledger.Migrations#SHARED}) and then the application's own up to date with
 * Flyway, each in a history of its own, and runs work in transactions through {@link
 * org.gapsync.platform.ledger.Sql}; {@link org.gapsync.platform.ledger.Ledger} is the base of
 * each application's ledger.
 */
package org.gapsync.platform.ledger;
