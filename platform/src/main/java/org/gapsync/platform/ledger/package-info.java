/**
 * The ledger database both applications keep: {@link org.gapsync.platform.ledger.Database}
 * opens it (H2 by default), brings its schema up to date with the application's Flyway
 * migrations, and runs work in transactions through {@link org.gapsync.platform.ledger.Sql}.
 */
package org.gapsync.platform.ledger;
