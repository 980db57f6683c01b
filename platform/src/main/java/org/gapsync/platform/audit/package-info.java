/**
 * The audit trail every platform keeps: its events
 * ({@link org.gapsync.platform.audit.AuditEvent}),
 * the hash chain that binds them ({@link org.gapsync.platform.audit.AuditTrail}, the place to
 * start), the signed seal of its head ({@link org.gapsync.platform.audit.AuditSeal}) and its part
 * of the PREMIS export ({@link org.gapsync.platform.audit.AuditPremis}). Its table's migrations
 * are the shared ones, {@code platform-ledger/}.
 */
package org.gapsync.platform.audit;
