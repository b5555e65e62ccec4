/**
 * A local stand-in for the WhatsApp Business Cloud API: {@link io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator}
 * (built by {@link io.leadreach.whatsapp.simulator.SimulatorBuilder}) answers the client's requests
 * on a JDK HTTP server by Meta's rules, injects {@linkplain io.leadreach.whatsapp.simulator.Faults faults},
 * records what it accepted ({@link io.leadreach.whatsapp.simulator.SentMessage},
 * {@link io.leadreach.whatsapp.simulator.UploadedMedia}) and posts signed webhooks, including
 * {@linkplain io.leadreach.whatsapp.simulator.ScriptedReply scripted replies}. For tests,
 * benchmarks and sandboxes; not for production traffic. The package-private classes are its parts.
 */
package io.leadreach.whatsapp.simulator;
