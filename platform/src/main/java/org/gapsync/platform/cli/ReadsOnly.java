package org.gapsync.platform.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command that only reads the home: it runs on a read-only home too (an auditor's copy,
 * a read-only mount), whose audit trail cannot record the run. Every other command is refused on
 * such a home before it starts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadsOnly {}
