/**
 * The media a package is carried on beyond a folder: disc images made, burnt and read back with
 * xorriso ({@link org.gapsync.platform.media.Xorriso}). The tools are Debian packages; a missing
 * one is a {@link org.gapsync.platform.media.MissingToolException} that names its package.
 */
package org.gapsync.platform.media;
