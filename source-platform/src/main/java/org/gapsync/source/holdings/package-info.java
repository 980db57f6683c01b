/**
 * Change capture: {@link HoldingsScanner} compares the holdings with the ledger and records
 * every added, modified and deleted record and file, in one transaction.
 */
package org.gapsync.source.holdings;
