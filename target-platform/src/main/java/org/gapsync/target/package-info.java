/**
 * The target operators' application: verified, ordered, crash-safe import and signed receipts. Not built yet: this module holds the place the application will take.
 */
package org.gapsync.target;
