/**
 * In-memory adapters of every port: what {@code LeadReach.builder()} uses for a port the host does
 * not supply, and what tests run against. They keep everything on the heap, lose it on restart,
 * and pass the same contract suites (in the core test-jar) as the persistent adapters.
 */
package io.leadreach.memory;
