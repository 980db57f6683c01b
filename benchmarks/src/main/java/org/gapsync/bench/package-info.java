/**
 * The format benchmark: {@link FormatBenchmark} generates the data sets and runs each
 * contender in its own JVM ({@link BenchTask}), beside the {@code tar | openssl} floor.
 */
package org.gapsync.bench;
