package org.gapsync.format.validation;

/**
 * What a verification finding is about. The names are stable: receipts, reports and scripts
 * carry them.
 */
public enum FindingCode {
  /** The container (folder, tar or zip) could not be read at all, or ended early. */
  CONTAINER_UNREADABLE,
  /** An entry's path is absolute, climbs out with {@code ..}, has a drive letter or the like. */
  UNSAFE_PATH,
  /** A symbolic or hard link where only regular files belong. */
  LINK_ENTRY,
  /** A device, fifo or other special entry where only regular files belong. */
  SPECIAL_ENTRY,
  /** The same path appears twice in the container. */
  DUPLICATE_ENTRY,
  /** Two paths differ only by letter case or Unicode normalization. */
  NAME_COLLISION,
  /** A compressed entry expands beyond its declared size or a safe ratio. */
  EXPANSION_LIMIT,
  /** {@code bagit.txt} is missing or does not declare BagIt 1.0 in UTF-8. */
  BAGIT_DECLARATION_INVALID,
  /** {@code bag-info.txt} is missing, malformed, or lacks a required element. */
  BAG_INFO_INVALID,
  /** {@code Payload-Oxum} disagrees with the payload's byte and file counts. */
  PAYLOAD_OXUM_MISMATCH,
  /** The payload manifest or the tag manifest is missing. */
  MANIFEST_MISSING,
  /** A manifest line cannot be parsed. */
  MANIFEST_MALFORMED,
  /** A file listed in a manifest is not in the package. */
  FILE_MISSING,
  /** A file is in the payload (or among the tag files) but in no manifest. */
  FILE_UNLISTED,
  /** A file's bytes do not hash to the manifest's digest. */
  DIGEST_MISMATCH,
  /** The detached signature over the tag manifest is missing. */
  SIGNATURE_MISSING,
  /** The signature does not verify, or cannot be parsed. */
  SIGNATURE_INVALID,
  /** The signature verifies but its certificate is not in the trust store. */
  SIGNER_UNTRUSTED,
  /**
   * The signature is valid and its certificate trusted, but as another platform than the one
   * the header says made the bag.
   */
  SIGNER_NOT_CLAIMED,
  /** The signer's certificate was revoked on this platform ({@code trust revoke}). */
  SIGNER_REVOKED,
  /** The signer's certificate was not valid when the signature was made. */
  SIGNER_CERTIFICATE_EXPIRED,
  /** The sync header or receipt document is missing. */
  HEADER_MISSING,
  /** The header is not well-formed, not allowed (DTD) or invalid against its schema. */
  HEADER_INVALID,
  /** The header declares a format version this reader does not know. */
  HEADER_VERSION_UNSUPPORTED,
  /** The header and the bag disagree: a file's digest or size, or the package id. */
  HEADER_MISMATCH,
  /** The header names a file that the payload manifest does not list. */
  HEADER_FILE_MISSING,
  /** A payload file is not named by the header. */
  PAYLOAD_NOT_IN_HEADER,
}
