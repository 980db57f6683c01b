/**
 * The three forms a package or receipt takes on a medium: a folder, a tar file and a zip file.
 * {@link ContainerReader#open} reads any of them; {@link ContainerWriter#create} writes one under
 * a temporary name and gives it its final name only on {@link ContainerWriter#commit}.
 */
package org.gapsync.format.container;
