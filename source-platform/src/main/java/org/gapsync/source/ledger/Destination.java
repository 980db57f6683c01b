package org.gapsync.source.ledger;

import java.util.Optional;
import org.gapsync.format.PackageId;

/**
 * A target platform the source syncs to.
 *
 * @param id its platform id
 * @param templateId the id of its template
 * @param templateVersion the version of its template
 * @param templateXml the template document as added
 * @param certificatePem the target's certificate, which signs its receipts
 * @param nextSequence the sequence number of the next package to it
 * @param lastPackageId the last package built for it, if any
 */
public record Destination(String id, String templateId, long templateVersion, String templateXml,
    String certificatePem, long nextSequence, Optional<PackageId> lastPackageId) {}
