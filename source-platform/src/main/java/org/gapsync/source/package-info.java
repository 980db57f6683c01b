/**
 * The archivists' application: change capture, package build, receipt verification and the sync ledger. Not built yet: this module holds the place the application will take.
 */
package org.gapsync.source;
