/**
 * The shared vocabulary of gapsync packages: identifiers, checked relative paths, digests and the
 * root of the library's exceptions. Start with {@link org.gapsync.format.syncpackage} to write or
 * verify a package, and with {@link org.gapsync.format.receipt} for receipts.
 */
package org.gapsync.format;
