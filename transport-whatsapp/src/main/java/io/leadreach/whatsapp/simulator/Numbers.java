package io.leadreach.whatsapp.simulator;

/** Phone numbers as the simulator keys them. */
final class Numbers {

    private Numbers() {
    }

    /** The number without its leading {@code +}: how WhatsApp names a user ({@code wa_id}). */
    static String digits(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
