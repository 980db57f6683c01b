/**
 * Pages written for people, printed or on screen: start from {@link
 * org.gapsync.platform.page.Layout}, which frames each application's own templates, and {@link
 * org.gapsync.platform.page.Heading}, what heads them.
 */
package org.gapsync.platform.page;
