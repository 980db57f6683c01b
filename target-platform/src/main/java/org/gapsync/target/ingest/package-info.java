/**
 * Import: verify each package, put it in its source's sequence order (apply, hold until its
 * predecessor comes, or refuse a replay), apply it atomically, and write the signed receipt
 * from the re-read replica. Start with {@link org.gapsync.target.ingest.Importer}.
 */
package org.gapsync.target.ingest;
