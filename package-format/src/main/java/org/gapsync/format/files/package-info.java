/**
 * File trees on disk, as the writers clean up after a failed write and the applications copy
 * and delete packages, receipts and work folders: {@link org.gapsync.format.files.FileTrees}.
 */
package org.gapsync.format.files;
