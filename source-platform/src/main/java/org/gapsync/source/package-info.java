/**
 * The source platform: the archivists' application. Commands live in
 * {@link org.gapsync.source.cli}; the services they call in {@link org.gapsync.source.holdings}
 * (change capture) and {@link org.gapsync.source.export} (package build, receipt ingest); the
 * sync ledger in {@link org.gapsync.source.ledger}.
 */
package org.gapsync.source;
