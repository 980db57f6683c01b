/**
 * Who acts on a platform and what they may do: {@link org.gapsync.platform.access.ProcessUser},
 * the operating system's account of the user a command runs as, and the {@link
 * org.gapsync.platform.access.Role}s a command is {@link org.gapsync.platform.access.Permitted},
 * which {@link org.gapsync.platform.access.Users} grants and looks up in the ledger.
 */
package org.gapsync.platform.access;
