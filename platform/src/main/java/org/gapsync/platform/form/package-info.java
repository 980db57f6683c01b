/**
 * The transfer registration form (移交登记表) both sides sign and seal for every transfer:
 * start from {@link org.gapsync.platform.form.TransferForm}, written as a PDF by {@link
 * org.gapsync.platform.form.FormPdf}, whose QR code {@link org.gapsync.format.form.FormCode}
 * lets a machine check a printed form against the medium.
 */
package org.gapsync.platform.form;
