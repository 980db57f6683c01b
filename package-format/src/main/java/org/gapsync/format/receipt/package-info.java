/**
 * The sync receipt: a small signed bag in which a target states what it did with one package
 * and the digests of each record's files as re-read from its replica. {@link ReceiptWriter}
 * writes one; {@link ReceiptVerifier} checks one.
 */
package org.gapsync.format.receipt;
