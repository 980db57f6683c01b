package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gapsync.platform.home.PlatformHome;

/**
 * Where a target keeps its things: the replica, the work folder of updates in progress,
 * packages waiting for a predecessor, the receipts it wrote, packages being decrypted, and the
 * certificates it trusts.
 *
 * @param replica the replica store's root
 * @param work one folder per update in progress (staged files, journal, backups), on the
 *     replica's file system so that every step of an update is a rename: the home's
 *     {@code work/} when the replica shares the home's file system, else the replica's own
 *     {@value org.gapsync.target.replica.ReplicaStore#WORK}
 * @param waiting packages kept until their predecessor has been applied
 * @param receipts every receipt written, to write again for a duplicate import
 * @param scratch encrypted packages decrypted while they are imported
 * @param trust the certificates trusted, where a source's rotated key is adopted
 * @param pieces what volumes of a set brought of a record spanning several, kept until the
 *     record is whole
 */
public record TargetFolders(Path replica, Path work, Path waiting, Path receipts,
    Path scratch, Path trust, Path pieces) {
  /** The setting of {@code platform.properties} that names the replica's folder. */
  public static final String REPLICA_SETTING = "replica";

  /** Returns the folders of the target whose home is {@code home}. */
  public static TargetFolders of(PlatformHome home) throws IOException {
    Path root = home.root();
    Path replica = home.setting(REPLICA_SETTING).map(Path::of).orElse(root.resolve("replica"));
    replica = replica.toAbsolutePath().normalize();
    Path work = isSameFileSystem(root, replica) ? root.resolve("work")
        : replica.resolve(org.gapsync.target.replica.ReplicaStore.WORK);
    return new TargetFolders(replica, work, root.resolve("waiting"), root.resolve("receipts"),
        home.scratchFolder(), home.trustFolder(), root.resolve("pieces"));
  }

  /** Returns whether two paths (or, for those not there yet, their nearest parents) share one. */
  private static boolean isSameFileSystem(Path a, Path b) throws IOException {
    return Files.getFileStore(existing(a)).equals(Files.getFileStore(existing(b)));
  }

  private static Path existing(Path p) {
    Path q = p.toAbsolutePath();
    while (!Files.exists(q) && q.getParent() != null) {
      q = q.getParent();
    }
    return q;
  }
}
