/**
 * The sync package: a signed bag carrying record changes from the source to one destination.
 * {@link SyncPackageWriter} writes one onto a medium; {@link SyncPackageVerifier} checks one.
 */
package org.gapsync.format.syncpackage;
