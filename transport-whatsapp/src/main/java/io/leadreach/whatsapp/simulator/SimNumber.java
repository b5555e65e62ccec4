package io.leadreach.whatsapp.simulator;

/**
 * One business phone number the simulator answers for: its ids, the number people see, the
 * secret of the app its webhooks are signed with, and what it keeps for itself (the throughput,
 * pair-rate and service-window rules, and its faults).
 *
 * @param id            the phone number id
 * @param wabaId        the WABA it belongs to
 * @param displayNumber the number as webhooks show it (digits)
 * @param appSecret     the secret its webhooks are signed with
 * @param rules         its rules
 * @param faults        its faults
 */
record SimNumber(String id, String wabaId, String displayNumber, String appSecret, NumberRules rules, Faults faults) {

    /**
     * A number's settings before start.
     *
     * @param id            the phone number id
     * @param wabaId        the WABA it belongs to
     * @param displayNumber the number as webhooks show it
     * @param appSecret     the secret its webhooks are signed with
     */
    record Settings(String id, String wabaId, String displayNumber, String appSecret) {
    }
}
