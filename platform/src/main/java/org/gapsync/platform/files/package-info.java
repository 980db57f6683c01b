/** File trees on disk, as both applications copy and delete them: {@link
 * org.gapsync.platform.files.FileTrees}. */
package org.gapsync.platform.files;
