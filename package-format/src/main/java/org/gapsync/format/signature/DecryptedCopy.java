package org.gapsync.format.signature;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.gapsync.format.PackageFormatException;

/**
 * The decrypted copy of an encrypted package or receipt, written into a scratch folder so that
 * it can be verified like any other, and removed when closed. This is how the source's read-back,
 * the target's import and the source's receipt ingest all open an envelope.
 *
 * <pre>{@code
 * try (DecryptedCopy plain = DecryptedCopy.create(sealed, home.decryptionKeys(pass), scratch)) {
 *   verifier.verify(plain.path());
 * }
 * }</pre>
 */
public final class DecryptedCopy implements Closeable {
  private final Path path;

  private DecryptedCopy(Path path) {
    this.path = path;
  }

  /**
   * Decrypts {@code sealed} with whichever of {@code keys} it was encrypted for (a platform's
   * current key and its retired ones) into {@code scratch}, replacing a copy an interrupted run
   * left there.
   *
   * @throws PackageFormatException when it is for none of the keys, or is damaged or truncated;
   *     nothing is left in {@code scratch} then
   */
  public static DecryptedCopy create(Path sealed, List<SigningKey> keys, Path scratch)
      throws IOException {
    Objects.requireNonNull(keys, "keys");
    return create(scratch, EnvelopeReader.plainName(sealed),
        plain -> EnvelopeReader.decrypt(sealed, keys, plain));
  }

  /**
   * Decrypts {@code sealed}, which {@code writer} has just written, with the content key it
   * kept, into {@code scratch}: the read-back of an encrypted package.
   *
   * @throws PackageFormatException when it is damaged or truncated; nothing is left then
   */
  public static DecryptedCopy readBack(Path sealed, EnvelopeWriter writer, Path scratch)
      throws IOException {
    Objects.requireNonNull(writer, "writer");
    return create(scratch, EnvelopeReader.plainName(sealed),
        plain -> writer.readBack(sealed, plain));
  }

  /** Returns the decrypted file. */
  public Path path() {
    return path;
  }

  /** Removes the decrypted file. */
  @Override
  public void close() throws IOException {
    Files.deleteIfExists(path);
  }

  private interface Decryption {
    void into(Path plain) throws IOException;
  }

  private static DecryptedCopy create(Path scratch, String name, Decryption decryption)
      throws IOException {
    Files.createDirectories(scratch);
    Path plain = scratch.resolve(name);
    Files.deleteIfExists(plain);
    try {
      decryption.into(plain);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(plain);
      throw e;
    }
    return new DecryptedCopy(plain);
  }
}
