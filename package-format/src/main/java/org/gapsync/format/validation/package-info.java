/**
 * The outcome of verifying a package or receipt: a {@link ValidationReport} of every
 * {@link Finding}, each with a stable {@link FindingCode}, the path it concerns and a message.
 */
package org.gapsync.format.validation;
