/**
 * Keys, certificates, trust, detached CMS signatures and CMS envelopes (encryption to a
 * recipient's certificate): the only package that touches Bouncy Castle. Start with
 * {@link SigningKey} (generate, store, load), {@link TrustStore} and {@link EnvelopeWriter}.
 */
package org.gapsync.format.signature;
