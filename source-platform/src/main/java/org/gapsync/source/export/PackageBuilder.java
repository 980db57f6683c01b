package org.gapsync.source.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.gapsync.format.Digest;
import org.gapsync.format.DigestMismatchException;
import org.gapsync.format.FileState;
import org.gapsync.format.PackageFormatException;
import org.gapsync.format.PackageId;
import org.gapsync.format.Volume;
import org.gapsync.format.bag.Verification;
import org.gapsync.format.container.ContainerWriter;
import org.gapsync.format.container.Seal;
import org.gapsync.format.files.FileTrees;
import org.gapsync.format.signature.DecryptedCopy;
import org.gapsync.format.signature.EnvelopeWriter;
import org.gapsync.format.signature.PackageSigner;
import org.gapsync.format.signature.SigningKey;
import org.gapsync.format.signature.TrustStore;
import org.gapsync.format.syncpackage.PackageHeader;
import org.gapsync.format.syncpackage.PackageSpec;
import org.gapsync.format.syncpackage.SyncPackageKind;
import org.gapsync.format.syncpackage.SyncPackageVerifier;
import org.gapsync.format.syncpackage.SyncPackageWriter;
import org.gapsync.format.syncpackage.TemplateRef;
import org.gapsync.format.syncpackage.WrittenPackage;
import org.gapsync.platform.Plural;
import org.gapsync.platform.UsageException;
import org.gapsync.source.ledger.PackageRow;
import org.gapsync.source.ledger.ParityRow;
import org.gapsync.source.ledger.SourceLedger;
import org.gapsync.source.ledger.SyncRow;
import org.gapsync.source.ledger.SyncState;
import org.gapsync.source.ledger.SyncTables;
import org.gapsync.source.ledger.Transaction;
import org.gapsync.source.ledger.VolumeRow;

/**
 * Builds the next package for one destination: selects what is queued (or the records named),
 * shapes each record by the template, carries only the files the destination does not already
 * hold, writes the signed package onto the medium, reads it back and verifies it, and only then
 * marks its records exported in the ledger.
 *
 * <pre>{@code
 * BuildResult r = new PackageBuilder(ledger, "archive-lan", key, trust, clock,
 *     home.scratchFolder())
 *     .build("reading-room", Path.of("/media/usb"), Optional.empty(), OptionalLong.empty());
 * }</pre>
 */
public final class PackageBuilder {
  private final SourceLedger ledger;
  private final String sourceId;
  private final SigningKey key;
  private final TrustStore trust;
  private final Clock clock;
  private final Path scratch;

  /**
   * Creates a builder for the source {@code sourceId}, signing with {@code key} and encrypting,
   * where the template asks, to the destination's current certificate in {@code trust}; an
   * encrypted package is decrypted into {@code scratch} to be read back.
   */
  public PackageBuilder(SourceLedger ledger, String sourceId, SigningKey key, TrustStore trust,
      Clock clock, Path scratch) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.scratch = Objects.requireNonNull(scratch, "scratch");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Builds and writes the package.
   *
   * @param records the records to send, chosen by hand; otherwise everything queued
   * @param maxBytes refuse to start a package whose payload would exceed this
   */
  public BuildResult build(String destination, Path medium, Optional<List<String>> records,
      OptionalLong maxBytes) throws IOException {
    return build(destination, medium, records, maxBytes, (total, done) -> { });
  }

  /**
   * Tells how far a build has come: writing the payload, then reading the package back. A
   * listener may stop the build by throwing a {@link java.util.concurrent.CancellationException}:
   * the build then ends as a failure would, with no record marked exported and nothing left on
   * the medium.
   */
  @FunctionalInterface
  public interface Progress {
    /** Hears that {@code done} of {@code total} payload bytes are written. */
    void written(long total, long done);

    /** Hears that {@code done} of {@code total} payload bytes are read back and verified. */
    default void verified(long total, long done) {}
  }

  /**
   * What a package carries: the destination's queue, records chosen by hand (queued if they
   * are not), or records re-sent whole, every file, whatever the destination is thought to
   * hold: the repair of a damaged replica.
   *
   * @param chosen the records named, if any
   * @param isWhole whether the records named go whole
   */
  public record Selection(Optional<List<String>> chosen, boolean isWhole) {
    /** Everything queued for the destination. */
    public static Selection queue() {
      return new Selection(Optional.empty(), false);
    }

    /** The records named: what they need, as for the queue. */
    public static Selection records(List<String> ids) {
      return new Selection(Optional.of(List.copyOf(ids)), false);
    }

    /** The records named, each with every file its template sends. */
    public static Selection resend(List<String> ids) {
      return new Selection(Optional.of(List.copyOf(ids)), true);
    }
  }

  /** Builds and writes the package, telling {@code progress} how far writing has come. */
  public BuildResult build(String destination, Path medium, Optional<List<String>> records,
      OptionalLong maxBytes, Progress progress) throws IOException {
    return build(destination, medium, records.map(Selection::records).orElse(Selection.queue()),
        maxBytes, progress);
  }

  /**
   * Where and how a package is written: onto one medium, or as a set of volumes of at most
   * {@code volumeSize} bytes each when it does not fit one.
   *
   * @param to the media: every volume onto the one given, or volume k onto the k-th (and a
   *     parity volume onto the one after the last volume's)
   * @param maxBytes refuse to start a package whose payload would exceed this
   * @param volumeSize the most bytes one volume may take, everything on it counted
   * @param isImage whether each volume (or the package written whole) is written as an ISO 9660
   *     image for a disc, {@code NAME.iso}, holding the bag in its container form
   * @param recovery the recovery data each image carries, in per cent of its files
   * @param changer who is asked for the medium of each volume after the first, if anyone
   * @param parity whether a set gets a parity volume, from which any one of its volumes lost
   *     whole is rebuilt
   */
  public record Media(List<Path> to, OptionalLong maxBytes, Optional<VolumeSize> volumeSize,
      boolean isImage, int recovery, Optional<MediumChanger> changer, boolean parity) {
    /** Checks that there is a medium. */
    public Media {
      to = List.copyOf(to);
      if (to.isEmpty()) {
        throw new IllegalArgumentException("no medium");
      }
      if (recovery < 0 || recovery > 100 || (recovery > 0 && !isImage)) {
        throw new IllegalArgumentException("recovery " + recovery + "% without an image");
      }
      if (parity && volumeSize.isEmpty()) {
        throw new IllegalArgumentException("a parity volume without a volume size");
      }
    }

    /** Describes a package written whole or as volumes onto plain media, no image. */
    public Media(List<Path> to, OptionalLong maxBytes, Optional<VolumeSize> volumeSize) {
      this(to, maxBytes, volumeSize, false, 0, Optional.empty(), false);
    }

    /**
     * Returns these media, one mount point given, with {@code changer} asked for the medium of
     * each volume after the first: one USB disk after another at the same place.
     */
    public Media changedBy(MediumChanger changer) {
      return new Media(to, maxBytes, volumeSize, isImage, recovery, Optional.of(changer),
          parity);
    }

    /** Returns the medium at {@code dir}, with no limit but its free space. */
    public static Media at(Path dir) {
      return new Media(List.of(dir), OptionalLong.empty(), Optional.empty());
    }

    /** Returns these media with no package payload above {@code bytes}. */
    public Media maxBytes(long bytes) {
      return new Media(to, OptionalLong.of(bytes), volumeSize, isImage, recovery, changer,
          parity);
    }

    /** Returns these media with a package too large for one volume written as a set. */
    public Media volumes(VolumeSize size) {
      return new Media(to, maxBytes, Optional.of(size), isImage, recovery, changer, parity);
    }

    /**
     * Returns these media with each volume written as a disc image carrying recovery data of
     * {@code recovery} per cent.
     */
    public Media images(int recovery) {
      return new Media(to, maxBytes, volumeSize, true, recovery, changer, parity);
    }

    /**
     * Returns these media with a set given a parity volume: any one of its volumes lost whole
     * is rebuilt from it and the others.
     */
    public Media withParity() {
      return new Media(to, maxBytes, volumeSize, isImage, recovery, changer, true);
    }

    /** Returns the medium volume {@code number} goes onto (the parity: one after the last). */
    Path forVolume(int number) {
      return to.size() == 1 ? to.get(0) : to.get(number - 1);
    }
  }

  /** Asks for the medium of the next volume, and waits until it is mounted. */
  @FunctionalInterface
  public interface MediumChanger {
    /**
     * Waits until the medium for volume {@code number} of {@code count} is at {@code medium}.
     *
     * @throws IOException when none comes (the operator stopped)
     */
    void insert(Path medium, int number, int count) throws IOException;
  }

  /** Builds and writes the package of {@code selection}, telling {@code progress}. */
  public BuildResult build(String destination, Path medium, Selection selection,
      OptionalLong maxBytes, Progress progress) throws IOException {
    return build(destination, new Media(List.of(medium), maxBytes, Optional.empty()),
        selection, progress);
  }

  /**
   * Builds and writes the package of {@code selection} onto {@code media}, as a set of volumes
   * when it is too large for one, telling {@code progress}.
   */
  public BuildResult build(String destination, Media media, Selection selection,
      Progress progress) throws IOException {
    // On a shared ledger, one build per destination at a time, from its plan (which takes the
    // next sequence) to its record: a second would take the same sequence.
    String building = "build:" + destination;
    if (!ledger.tryHold(building)) {
      throw new BuildInProgressException(destination);
    }
    try {
      return buildHeld(destination, media, selection, progress);
    } finally {
      ledger.release(building);
    }
  }

  private BuildResult buildHeld(String destination, Media media, Selection selection,
      Progress progress) throws IOException {
    List<String> settled = new ArrayList<>();
    try (BuildPlan items = BuildPlan.create(scratch)) {
      BuildPlanner.Plan plan = ledger.inTransaction(tx -> new BuildPlanner(sourceId, key)
          .plan(tx, destination, selection, settled, items, media));
      items.finish();
      if (items.records() == 0) {
        return new BuildResult(Optional.empty(), Optional.empty(), 0, 0, 0, 0, settled,
            List.of(), List.of());
      }
      return write(plan, items, media, progress, settled);
    }
  }

  private BuildResult write(BuildPlanner.Plan plan, BuildPlan items, Media media, Progress progress,
      List<String> settled) throws IOException {
    String destination = plan.destination().id();
    long bytes = items.bytes();
    if (media.maxBytes().isPresent() && bytes > media.maxBytes().getAsLong()) {
      throw new MediumTooSmallException(destination, bytes, media.maxBytes().getAsLong());
    }
    int count = items.volumes();
    boolean hasParity = media.parity() && count > 1;
    int onto = count + (hasParity ? 1 : 0);
    if (media.to().size() > 1 && media.to().size() < onto) {
      throw new UsageException("the package for " + destination + " takes " + count
          + " volumes of " + media.volumeSize().orElseThrow() + (hasParity ? " and a parity "
          + "volume" : "") + ", but --to names " + media.to().size() + " media; name one "
          + "medium (every volume goes onto it) or " + onto + "; nothing was written");
    }
    if (hasParity && count > VolumeBudget.PARITY_SET) {
      throw new UsageException("the package for " + destination + " takes " + count
          + " volumes, but a parity volume covers at most " + VolumeBudget.PARITY_SET + "; "
          + "build it in parts (--records), or without --parity-volumes; nothing was written");
    }
    checkRoom(destination, items, media);
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    PackageSpec spec = new PackageSpec(PackageId.of(sourceId, destination,
        plan.destination().nextSequence()), sourceId, destination,
        new TemplateRef(plan.template().id(), plan.template().version()),
        plan.destination().nextSequence(), plan.destination().lastPackageId(),
        clock.instant(), ledger.actor());
    if (ledger.inTransaction(tx -> tx.sync().packageRow(spec.packageId())).isPresent()) {
      throw new IllegalStateException("the ledger already holds package " + spec.packageId()
          + " but offers its sequence again");
    }
    List<Path> leftovers = new ArrayList<>();
    List<WrittenPackage> written = new ArrayList<>();
    List<Path> labels = new ArrayList<>();
    DiscImages images = media.isImage() ? DiscImages.create(scratch, media.recovery()) : null;
    ParityVolume parity = null;
    Optional<ParityRow> parityRow = Optional.empty();
    try {
      if (hasParity) {
        // Folded in volume by volume, while each is on its medium.
        Path home = media.changer().isPresent() ? scratch : media.forVolume(count + 1);
        if (media.changer().isEmpty()) {
          leftovers.addAll(removeLeftovers(home, Volume.parityName(spec.packageId(), count)));
        }
        parity = ParityVolume.start(home, spec.packageId(), count);
      }
      for (int k = 1; k <= count; k++) {
        PackageSpec bag = count == 1 ? spec : spec.withVolume(new Volume(k, count));
        Path medium = media.forVolume(k);
        if (k > 1 && media.changer().isPresent()) {
          media.changer().get().insert(medium, k, count);
          checkRoom(destination, items.bytes(k), medium);
        }
        leftovers.addAll(removeLeftovers(medium, bag.bagName()));
        Path into = media.isImage() ? Files.createDirectory(DiscImages.staging(medium,
            bag.bagName())) : medium;
        WrittenPackage w;
        List<Path> label = List.of();
        try {
          // Its content key, kept in memory for the read-back alone.
          Optional<EnvelopeWriter> envelope = envelope(plan, destination);
          w = writeOne(plan, bag, count == 1 ? items.source() : items.source(k), into, bytes,
              done, progress, envelope, !media.isImage());
          if (media.isImage() || count > 1) {
            // A disc's root, or beside the volume on its medium: what it says of itself.
            label = VolumeDescription.write(into, media.isImage() ? "" : bag.bagName() + ".",
                w, plan.template().isEncrypted(), key.certificate(), count == 1 ? items.walk()
                : items.walk(k));
            labels.addAll(label);
          }
          if (media.isImage()) {
            w = image(images, w, envelope, medium, media.recovery(), progress);
          }
        } finally {
          if (media.isImage()) {
            FileTrees.delete(into);
          }
        }
        written.add(w);
        if (media.volumeSize().isPresent()) {
          checkFits(w.path(), media.isImage() ? List.of() : label, media.volumeSize().get());
        }
        if (parity != null) {
          parity.fold(k, w.path());
        }
      }
      if (parity != null) {
        Path medium = media.forVolume(count + 1);
        if (media.changer().isPresent()) {
          media.changer().get().insert(medium, count + 1, count);
          checkRoom(destination, items.bytes(1), medium);
          leftovers.addAll(removeLeftovers(medium, parity.name()));
        }
        parityRow = Optional.of(parity.publish(spec, count, medium, images));
        checkFits(parity.written(), List.of(), media.volumeSize().get());
      }
    } catch (IOException | RuntimeException e) {
      if (parity != null) {
        parity.discard();
      }
      // A set is recorded whole or not at all: the volumes already written go too, but for
      // those on media taken out for the next, which only the operator can remove.
      for (Path p : labels) {
        FileTrees.delete(p);
      }
      for (WrittenPackage w : written) {
        FileTrees.delete(w.path());
      }
      if (media.changer().isPresent() && !written.isEmpty()
          && e.getClass() == IOException.class) {
        throw new IOException(e.getMessage() + "; the volumes written before onto the media "
            + "taken out are not recorded: delete them or write over them (a target refuses "
            + "them as another build)", e);
      }
      throw e;
    }
    Optional<ParityRow> row = parityRow;
    ledger.inTransaction(tx -> {
      tx.lockDestination(destination);
      record(tx, items, written);
      if (row.isPresent()) {
        tx.volumes().addParity(row.get());
      }
      return null;
    });
    WrittenPackage first = written.get(0);
    return new BuildResult(Optional.of(first.path()), Optional.of(spec.packageId()),
        spec.sequence(), items.records(), items.files(), items.bytes(), settled, leftovers,
        count == 1 ? List.of() : written.stream().map(WrittenPackage::path).toList(),
        row.map(r -> Path.of(r.medium())));
  }

  /**
   * Refuses, before anything is written, a package whose payload alone exceeds the free space
   * of its medium (or of the medium a volume goes onto): better said now than after hours of
   * writing. The package's own files and the container's overhead come on top; a medium that
   * fills with them fails as cleanly. A file system that cannot tell its free space reports
   * none: no check.
   */
  private static void checkRoom(String destination, BuildPlan items, Media media)
      throws IOException {
    Map<Path, Long> needed = new java.util.LinkedHashMap<>();
    long largest = 0;
    // With a changer each volume has a medium of its own, checked as it is mounted.
    int upFront = media.changer().isPresent() ? 1 : items.volumes();
    for (int k = 1; k <= upFront; k++) {
      long bytes = items.volumes() == 1 ? items.bytes() : items.bytes(k);
      needed.merge(media.forVolume(k), bytes, Long::sum);
      largest = Math.max(largest, bytes);
    }
    if (media.parity() && items.volumes() > 1 && media.changer().isEmpty()) {
      // The parity is as long as the largest volume.
      needed.merge(media.forVolume(items.volumes() + 1), largest, Long::sum);
    }
    if (media.isImage()) {
      // Each image is made from its volume staged beside it, removed once the image is made.
      long staged = largest;
      needed.replaceAll((medium, bytes) -> bytes + staged);
    }
    for (Map.Entry<Path, Long> e : needed.entrySet()) {
      checkRoom(destination, e.getValue(), e.getKey());
    }
  }

  /** Refuses a volume whose payload alone exceeds the free space of the medium it goes onto. */
  private static void checkRoom(String destination, long bytes, Path medium)
      throws IOException {
    long free = Files.isDirectory(medium) ? Files.getFileStore(medium).getUsableSpace() : 0;
    if (free > 0 && bytes > free) {
      throw MediumTooSmallException.noRoom(destination, medium, bytes, free);
    }
  }

  /**
   * Fails a volume (its bag, and the label beside it) that came out larger than its medium:
   * the budget is meant to prevent it.
   */
  private static void checkFits(Path volume, List<Path> label, VolumeSize size)
      throws IOException {
    long taken = FileTrees.size(volume, VolumeBudget.BLOCK);
    for (Path p : label) {
      taken += (Files.size(p) + VolumeBudget.BLOCK - 1) / VolumeBudget.BLOCK
          * VolumeBudget.BLOCK;
    }
    if (taken > size.bytes()) {
      throw new IOException(volume + " takes " + taken + " bytes, more than the volume size "
          + size + "; no record was marked exported; this is a fault in gapsync: report it, "
          + "and build with a smaller --volume-size meanwhile");
    }
  }

  /**
   * Writes one package, or one volume of a set, onto {@code medium}, reads it back and
   * verifies it; on a failure nothing is left under its name.
   */
  private WrittenPackage writeOne(BuildPlanner.Plan plan, PackageSpec spec,
      org.gapsync.format.syncpackage.RecordSource source, Path medium, long bytes,
      java.util.concurrent.atomic.AtomicLong done, Progress progress,
      Optional<EnvelopeWriter> envelope, boolean isReadBack) throws IOException {
    WrittenPackage written;
    try {
      written = new SyncPackageWriter(new PackageSigner(key, clock),
          plan.template().encapsulation(), new ContainerWriter.Options(true, spec.created()),
          Runtime.getRuntime().availableProcessors(), envelope.map(Seal.class::cast)
              .orElse(Seal.NONE)).spillingInto(scratch)
          .write(spec, source, medium, n -> progress.written(bytes, done.addAndGet(n)));
    } catch (DigestMismatchException e) {
      throw new HoldingsChangedException(e.path(), e);
    } catch (PackageFormatException e) {
      throw e;
    } catch (NoSuchFileException e) {
      if (e.getFile() != null && !Path.of(e.getFile()).toAbsolutePath().startsWith(
          medium.toAbsolutePath())) {
        throw new HoldingsChangedException(e.getFile(), e);
      }
      throw new IOException("writing " + spec.bagName() + " onto " + medium + " failed: "
          + e.getFile() + " has gone; no record was marked exported; check the medium "
          + "(connection, mount) and build again", e);
    } catch (IOException e) {
      throw new IOException("writing " + spec.bagName() + " onto " + medium + " failed "
          + "after " + done.get() + " of " + bytes + " bytes of records: " + e.getMessage()
          + "; no record was marked exported; check the medium (free space, write protection, "
          + "connection) and build again", e);
    }
    if (isReadBack) {
      readBack(written, envelope, progress);
    }
    return written;
  }

  /**
   * Reads back and verifies {@code written}, sealed in {@code envelope} if it is; on a failure
   * nothing is left under its name.
   */
  private void readBack(WrittenPackage written, Optional<EnvelopeWriter> envelope,
      Progress progress) throws IOException {
    try {
      readBack(written.path(), written.header(), envelope, progress);
    } catch (java.util.concurrent.CancellationException e) {
      // Stopped before the ledger knows it: nothing may stay under the package's final name.
      FileTrees.delete(written.path());
      throw e;
    }
  }

  /** Returns the envelope the template of {@code plan} seals packages in, if it does. */
  private Optional<EnvelopeWriter> envelope(BuildPlanner.Plan plan, String destination) {
    return plan.template().isEncrypted() ? Optional.of(envelope(destination))
        : Optional.empty();
  }

  /**
   * Makes the disc image of the volume {@code staged} on {@code medium}, reading the staged
   * volume back meanwhile: both read the same files, side by side on two cores from the page
   * cache, and the image is published once both have passed.
   */
  private WrittenPackage image(DiscImages images, WrittenPackage staged,
      Optional<EnvelopeWriter> envelope, Path medium, int recovery, Progress progress)
      throws IOException {
    java.util.concurrent.CompletableFuture<Void> check = java.util.concurrent.CompletableFuture
        .runAsync(() -> {
          try {
            readBack(staged, envelope, progress);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    try {
      return images.image(staged, medium, DiscImages.volumeId(staged.spec()), recovery,
          () -> await(check));
    } finally {
      // Never leave the read-back running on a folder about to be removed.
      check.exceptionally(e -> null).join();
    }
  }

  /** Waits for a read-back running beside the image's making, and fails as it did. */
  private static void await(java.util.concurrent.CompletableFuture<Void> check)
      throws IOException {
    try {
      check.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof java.io.UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Removes what a build of the bag {@code id} (a package, or a volume of one) that was killed
   * before the ledger recorded it left on the medium: the bag under its final name (killed
   * after the rename) or its hidden partial copy. The ledger has not given the package's id to
   * any package, so nothing else can bear the name; its records are still queued and go into
   * the package written now.
   */
  private static List<Path> removeLeftovers(Path medium, PackageId id) throws IOException {
    List<Path> removed = new ArrayList<>();
    for (String name : List.of(id.value(), id.value() + ".tar", id.value() + ".zip",
        id.value() + ".tar" + EnvelopeWriter.EXTENSION, id.value() + DiscImages.EXTENSION)) {
      for (Path p : List.of(medium.resolve(name), medium.resolve("." + name + ".partial"))) {
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          FileTrees.delete(p);
          removed.add(p);
        }
      }
    }
    for (String label : List.of(VolumeDescription.README, VolumeDescription.CONTENTS)) {
      Path p = medium.resolve(id.value() + "." + label);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        FileTrees.delete(p);
        removed.add(p);
      }
    }
    Path staging = DiscImages.staging(medium, id);
    if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
      FileTrees.delete(staging);
      removed.add(staging);
    }
    return removed;
  }

  /** Returns the certificate to encrypt to: the one this source trusts now for the target. */
  private EnvelopeWriter envelope(String destination) {
    X509Certificate recipient = trust.current(destination).orElseThrow(() -> new UsageException(
        "destination " + destination + " has no trusted certificate to encrypt to (it was "
            + "revoked); 'trust add --id " + destination + " --cert FILE.pem' with its new one, "
            + "then build again"));
    try {
      return EnvelopeWriter.to(recipient);
    } catch (IllegalArgumentException e) {
      throw new UsageException("destination " + destination + ": " + e.getMessage() + "; trust "
          + "the certificate the target's own 'cert export' writes instead");
    }
  }

  private void readBack(Path path, Digest expected, Optional<EnvelopeWriter> envelope,
      Progress progress) throws IOException {
    if (envelope.isEmpty()) {
      verifyReadBack(path, path, expected, progress);
      return;
    }
    DecryptedCopy plain;
    try {
      plain = DecryptedCopy.readBack(path, envelope.get(), scratch);
    } catch (PackageFormatException e) {
      FileTrees.delete(path);
      throw new PackageFormatException("the encrypted package read back from " + path
          + " is refused: " + e.getMessage() + "; it was removed; check or replace the "
          + "medium and build again", e);
    }
    try (plain) {
      verifyReadBack(plain.path(), path, expected, progress);
    }
  }

  /**
   * Verifies the package as the target will, and that its header is, byte for byte, the one
   * written: the tag manifest the signature covers lists the header's digest.
   */
  private void verifyReadBack(Path plain, Path path, Digest expected, Progress progress)
      throws IOException {
    TrustStore self = TrustStore.empty().with(sourceId, key.certificate());
    Verification<PackageHeader> v = new SyncPackageVerifier(self,
        Runtime.getRuntime().availableProcessors()).verify(plain, progress::verified);
    boolean isWritten = v.contents().tags().map(t -> t.asMap().get(
        SyncPackageKind.INSTANCE.document())).filter(expected::equals).isPresent();
    if (!v.isValid() || !isWritten) {
      FileTrees.delete(path);
      throw new PackageFormatException("the package read back from " + path + " does not "
          + "verify (" + Plural.of(v.report().findings().size(), "finding") + ", first: "
          + v.report().findings().stream().findFirst().map(Object::toString).orElse("header")
          + "); it was removed; check or replace the medium and build again");
    }
  }

  private Void record(Transaction tx, BuildPlan items, List<WrittenPackage> volumes)
      throws IOException {
    PackageSpec header = volumes.get(0).spec();
    boolean isSet = volumes.size() > 1;
    tx.sync().addPackage(new PackageRow(header.packageId(), header.destination(),
        header.sequence(), header.created(), header.operator(), items.bytes(),
        items.records(), isSet ? volumes.get(0).path().getParent() + " (" + volumes.size()
            + " volumes)" : volumes.get(0).path().toString(), Optional.empty()));
    tx.sync().setForm(header.packageId(), isSet ? Optional.empty()
        : Optional.of(volumes.get(0).manifest()), volumes.stream()
            .mapToLong(WrittenPackage::payloadFiles).sum());
    for (int k = 1; k <= volumes.size(); k++) {
      WrittenPackage written = volumes.get(k - 1);
      if (isSet) {
        tx.volumes().add(new VolumeRow(header.packageId(), written.spec().volume()
            .orElseThrow(), Math.toIntExact(written.records()), written.payloadBytes(),
            written.path().toString(), Optional.empty()));
        tx.volumes().setManifest(header.packageId(), k, written.manifest());
      }
      record(tx, isSet ? items.walk(k) : items.walk(), written, isSet ? OptionalInt.of(k)
          : OptionalInt.empty());
    }
    return null;
  }

  /** Marks exported the records of one package, or of one volume of a set. */
  private static void record(Transaction tx, BuildPlan.Batches batches, WrittenPackage written,
      OptionalInt volume) throws IOException {
    PackageSpec header = written.spec();
    Path path = written.path();
    // In batches: a package may carry a million records.
    for (List<BuildPlan.Item> batch = batches.next(); !batch.isEmpty(); batch = batches.next()) {
      Map<SyncRow, String> changes = new java.util.LinkedHashMap<>();
      List<SyncTables.StateChange> exported = new ArrayList<>();
      Map<SyncRow, List<FileState>> expected = new java.util.LinkedHashMap<>();
      Map<String, Integer> lastVolumes = new java.util.LinkedHashMap<>();
      for (BuildPlan.Item p : batch) {
        if (!p.isFirst()) {
          // A record spanning volumes is recorded with its first.
          continue;
        }
        volume.ifPresent(k -> lastVolumes.put(p.row().archivalId(), k + p.spans() - 1));
        String change = p.change().name().toLowerCase(java.util.Locale.ROOT);
        changes.put(p.row(), change);
        exported.add(new SyncTables.StateChange(p.row(), SyncState.EXPORTED,
            Optional.of(header.packageId()), change + ", " + Plural.of(p.carried().size(),
                "file") + " carried, written to " + path + (p.spans() > 1 ? " and the "
                + (p.spans() - 1) + " volumes after it, its largest files in parts" : "")));
        expected.put(p.row(), p.desired().stream().map(BuildPlan.Wanted::state).toList());
      }
      tx.sync().setChanges(changes);
      tx.sync().setStates(exported);
      tx.sync().putExpected(expected);
      if (volume.isPresent()) {
        tx.volumes().putRecords(header.packageId(), volume.getAsInt(), lastVolumes);
      }
    }
  }
}
