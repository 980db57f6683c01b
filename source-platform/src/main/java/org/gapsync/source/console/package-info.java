/**
 * The source platform's web console: {@link org.gapsync.source.console.SourceConsole} makes its
 * pages (the dashboard, the record search and each record's history at every destination, the
 * packages and their receipts, the audit trail, the reports and forms to download), which the
 * platform's {@link org.gapsync.platform.console.ConsoleServer} serves.
 */
package org.gapsync.source.console;
