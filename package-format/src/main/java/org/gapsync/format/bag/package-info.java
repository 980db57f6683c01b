/**
 * The BagIt discipline shared by sync packages and receipts: {@link BagWriter} streams payload
 * into any container, writes the tag files and signs the tag manifest; {@link BagVerifier}
 * checks every byte and collects every finding. The kinds of header are plugged in through
 * {@link HeaderKind}.
 */
package org.gapsync.format.bag;
