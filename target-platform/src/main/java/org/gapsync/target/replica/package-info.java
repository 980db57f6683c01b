/**
 * The replica store on disk and its atomic update: {@link
 * org.gapsync.target.replica.ReplicaStore} lays records out and re-reads them; {@link
 * org.gapsync.target.replica.ReplicaUpdate} stages a package's files, journals the renames,
 * and rolls an interrupted update forward or back.
 */
package org.gapsync.target.replica;
