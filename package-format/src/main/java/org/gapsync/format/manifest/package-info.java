/**
 * BagIt manifests ({@code manifest-sha256.txt}, {@code tagmanifest-sha256.txt}): one line per
 * file, digest then path. {@link ManifestReader} and {@link ManifestWriter} are exact inverses.
 */
package org.gapsync.format.manifest;
