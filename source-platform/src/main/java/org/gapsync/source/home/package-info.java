/** The platform home: its identity, signing key, trusted certificates and ledger location. */
package org.gapsync.source.home;
