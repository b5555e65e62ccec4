/** End-to-end and JMH benchmarks; each class says how to run it. */
package io.leadreach.benchmarks;
