/**
 * The read-only web console of a platform: {@link org.gapsync.platform.console.ConsoleServer}
 * serves an application's {@link org.gapsync.platform.console.ConsolePage}s, each behind the
 * roles of the command that shows the same on the command line, signs people in ({@link
 * org.gapsync.platform.console.ConsoleSessions}: a one-time link on this machine, a password
 * over TLS beyond it), and records every page view in the audit trail.
 */
package org.gapsync.platform.console;
