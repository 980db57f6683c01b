/**
 * Building packages onto media and ingesting receipts: {@link PackageBuilder} writes a signed
 * package for one destination and verifies it on the medium; {@link ReceiptIngester} compares a
 * receipt with the ledger, confirming or re-queueing every record.
 */
package org.gapsync.source.export;
