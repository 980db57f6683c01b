/**
 * The sync receipt: a small signed bag in which a target states what it did with one package
 * and the digests of each record's files as re-read from its replica; and the damage report, in
 * which it names the records it later found damaged there. {@link ReceiptWriter} writes both;
 * {@link ReceiptVerifier} checks both.
 */
package org.gapsync.format.receipt;
