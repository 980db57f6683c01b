/**
 * The target platform's web console: {@link org.gapsync.target.console.TargetConsole} makes its
 * pages (the dashboard, the replica's records searched by id or title with their files and
 * history, the packages received and their receipts, the audit trail), which the platform's
 * {@link org.gapsync.platform.console.ConsoleServer} serves.
 */
package org.gapsync.target.console;
