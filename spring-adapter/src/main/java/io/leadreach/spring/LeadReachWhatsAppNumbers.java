package io.leadreach.spring;

import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.whatsapp.CloudApiConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The business numbers of {@code leadreach.whatsapp.numbers}: each one's Cloud API client
 * configuration (its credentials and app secret) and the engine's view of them (id, WABA, display
 * number, rate), in the order given; the first is the default number. A bean only when several
 * numbers are configured; the single-number short form ({@code leadreach.whatsapp.phone-number-id})
 * has none.
 *
 * @param configs each number's client configuration
 * @param senders the engine's sender numbers
 */
public record LeadReachWhatsAppNumbers(List<CloudApiConfig> configs, SenderNumbers senders) {

    public LeadReachWhatsAppNumbers {
        configs = List.copyOf(configs);
    }

    /** The numbers of these properties, with these client configurations (one each, in the same order). */
    static LeadReachWhatsAppNumbers of(LeadReachProperties.WhatsApp properties, List<CloudApiConfig> configs) {
        List<SenderNumber> numbers = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            numbers.add(properties.getNumbers().get(i).toSenderNumber(configs.get(i).wabaId()));
        }
        return new LeadReachWhatsAppNumbers(configs, SenderNumbers.of(numbers));
    }
}
