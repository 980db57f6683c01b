/**
 * A set's parity volume: the bytes of every data volume of a set (a disc image, a tar or zip
 * file, an envelope) combined by exclusive or, so that any one volume lost whole is rebuilt
 * from the others and the parity. {@link ParityAccumulator} folds the volumes in as they are
 * written, {@link ParityIndex} says what each volume was, and {@link ParityRebuild} rebuilds
 * the one missing, checked against its digest before it is given its name.
 */
package org.gapsync.format.parity;
