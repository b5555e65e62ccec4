/**
 * What the engine reports for metrics: {@link io.leadreach.metrics.EngineObserver}, with a no-op
 * default. Adapters bind it to a metrics library (the Spring starter to Micrometer).
 */
package io.leadreach.metrics;
