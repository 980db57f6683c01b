/**
 * Who acts on a platform: {@link org.gapsync.platform.access.ProcessUser}, the operating
 * system's account of the user a command runs as, which the role check and the audit trail use.
 */
package org.gapsync.platform.access;
