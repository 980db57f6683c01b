package org.gapsync.platform.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may run a command. Before the command does anything, the run checks that the
 * operating-system user holds one of them in the platform's ledger; a refusal is one line, exit
 * code 5 and an audit event. A command without it ({@code init}) needs no role.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Permitted {
  /** Returns the roles, any one of which suffices. */
  Role[] value();
}
