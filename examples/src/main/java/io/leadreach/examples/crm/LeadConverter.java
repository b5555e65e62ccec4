package io.leadreach.examples.crm;

import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Turns a lead into a customer: the one place where that happens, for the API and the pages. */
@Service
public class LeadConverter {

    private final LeadRepository leads;
    private final CustomerRepository customers;
    private final Clock clock;

    /** The converter over the repositories, with the app's clock. */
    public LeadConverter(LeadRepository leads, CustomerRepository customers, Clock clock) {
        this.leads = leads;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Converts the lead: a new customer with its name and mobile, linked to it, and the lead moved
     * to the {@code converted} stage.
     *
     * @throws ResponseStatusException 404 without such a lead, 409 when it already is a customer
     */
    @Transactional
    public Customer convert(long leadId) {
        Lead lead = leads.findById(leadId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + leadId));
        if (lead.convertedCustomer() != null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "lead " + leadId + " is already a customer");
        }
        lead.status("converted");
        return customers.save(Customer.convertedFrom(lead, clock.instant()));
    }
}
