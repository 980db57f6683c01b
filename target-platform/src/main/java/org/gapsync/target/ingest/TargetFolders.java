package org.gapsync.target.ingest;

import java.io.IOException;
import java.nio.file.Path;
import org.gapsync.platform.home.PlatformHome;

/**
 * Where a target keeps its things: the replica, the work folder of updates in progress,
 * packages waiting for a predecessor, the receipts it wrote, packages being decrypted, and the
 * certificates it trusts.
 *
 * @param replica the replica store's root
 * @param work one folder per update in progress (staged files, journal, backups)
 * @param waiting packages kept until their predecessor has been applied
 * @param receipts every receipt written, to write again for a duplicate import
 * @param scratch encrypted packages decrypted while they are imported
 * @param trust the certificates trusted, where a source's rotated key is adopted
 */
public record TargetFolders(Path replica, Path work, Path waiting, Path receipts,
    Path scratch, Path trust) {
  /** The setting of {@code platform.properties} that names the replica's folder. */
  public static final String REPLICA_SETTING = "replica";

  /** Returns the folders of the target whose home is {@code home}. */
  public static TargetFolders of(PlatformHome home) throws IOException {
    Path root = home.root();
    Path replica = home.setting(REPLICA_SETTING).map(Path::of).orElse(root.resolve("replica"));
    return new TargetFolders(replica.toAbsolutePath().normalize(), root.resolve("work"),
        root.resolve("waiting"), root.resolve("receipts"), home.scratchFolder(),
        home.trustFolder());
  }
}
