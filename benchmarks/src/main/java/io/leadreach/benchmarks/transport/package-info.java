/**
 * Benchmarks of the WhatsApp Cloud API adapter: end-to-end send throughput of
 * {@link io.leadreach.whatsapp.CloudApiTransport} against the local simulator, compared with a bare
 * HttpClient 5 loop, and JMH throughput of webhook signature verification plus parsing.
 */
package io.leadreach.benchmarks.transport;
