/**
 * Keys, certificates, trust and detached CMS signatures: the only package that touches Bouncy
 * Castle. Start with {@link SigningKey} (generate, store, load) and {@link TrustStore}.
 */
package org.gapsync.format.signature;
