/**
 * The target operators' application: {@code cli} (the command line), {@code ingest} (verified,
 * ordered import and receipts), {@code replica} (the store and its atomic update) and
 * {@code ledger}. Start with {@link org.gapsync.target.ingest.Importer}.
 */
package org.gapsync.target;
