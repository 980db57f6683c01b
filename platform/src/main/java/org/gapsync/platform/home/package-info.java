/**
 * A platform's home folder: configuration, signing key, certificate, trusted certificates and
 * the ledger's folder. Start with {@link org.gapsync.platform.home.PlatformHome}.
 */
package org.gapsync.platform.home;
