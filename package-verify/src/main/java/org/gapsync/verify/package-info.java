/**
 * {@code package-verify}: checks a sync package or receipt in any form against trusted
 * certificates and prints the complete report. Start with {@link PackageVerifyCommand}.
 */
package org.gapsync.verify;
