/**
 * What the QR code of a transfer registration form carries, so that a printed form can be
 * checked against its media by a machine: {@link org.gapsync.format.form.FormCode}.
 */
package org.gapsync.format.form;
