/**
 * The {@code source-platform} command line: {@link SourceCommand} and one class per command.
 * Each command parses its options, calls one service and prints through picocli's writers.
 */
package org.gapsync.source.cli;
