/**
 * Test support for hosts: a scriptable {@link io.leadreach.testing.RecordingTransport}, a
 * {@link io.leadreach.testing.MutableClock} and a {@link io.leadreach.testing.ManualWorkQueue}
 * that runs background work when the test says, so schedules and quiet hours are tested without
 * sleeping.
 */
package io.leadreach.testing;
