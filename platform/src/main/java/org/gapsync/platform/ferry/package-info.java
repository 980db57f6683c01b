/**
 * The folders a network gap appliance (or data diode) carries files between, one way: an
 * outbox on one network, an inbox on the other. {@link FerryFolder} publishes a file only when
 * it is complete, by the {@link Arrival} convention the appliance is set up for, with a name
 * appliances accept, and lists only the files that have arrived whole.
 */
package org.gapsync.platform.ferry;
