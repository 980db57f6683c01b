/**
 * The metadata of one archival record ({@code metadata.xml}) as named fields, read from and
 * written to the schema's XML deterministically. Start with {@link RecordMetadata}.
 */
package org.gapsync.format.record;
