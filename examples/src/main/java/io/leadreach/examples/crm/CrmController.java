package io.leadreach.examples.crm;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The demo CRM's JSON routes (any demo user): leads, customers, and converting a lead into a
 * customer. A browser asking for {@code text/html} at the same paths gets the pages of
 * {@link io.leadreach.examples.crm.pages}; the WhatsApp routes under {@code /leads/...} are the
 * starter's.
 */
@RestController
public class CrmController {

    private final LeadRepository leads;
    private final CustomerRepository customers;
    private final LeadConverter converter;

    /** The controller over the repositories. */
    public CrmController(LeadRepository leads, CustomerRepository customers, LeadConverter converter) {
        this.leads = leads;
        this.customers = customers;
        this.converter = converter;
    }

    /** A lead as JSON. */
    public record LeadView(long id, String leadNumber, String name, String mobile, String status, String source,
                           String priority, String assignedTo, String productInterest, Instant createdAt,
                           String timeZone, LocalDate birthday, LocalDate anniversary, LocalDate renewalDate,
                           Long convertedCustomerId) {
        static LeadView of(Lead l) {
            return new LeadView(l.id(), l.leadNumber(), l.name(), l.mobile(), l.status(), l.source(), l.priority(),
                    l.assignedTo(), l.productInterest(), l.createdAt(), l.timeZone(), l.birthday(), l.anniversary(),
                    l.renewalDate(), l.convertedCustomer() == null ? null : l.convertedCustomer().id());
        }
    }

    /** A customer as JSON. */
    public record CustomerView(long id, String name, String mobile, Long originalLeadId, Instant convertedAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.name(), c.mobile(),
                    c.originalLead() == null ? null : c.originalLead().id(), c.convertedAt());
        }
    }

    /** Leads by id, 50 a page, optionally of one status. */
    @GetMapping("/crm/leads")
    @Transactional(readOnly = true)
    public List<LeadView> leads(@RequestParam(name = "status", required = false) String status,
                                @RequestParam(name = "page", defaultValue = "0") int page) {
        PageRequest request = PageRequest.of(Math.max(0, page), 50, Sort.by("id"));
        List<Lead> found = status == null ? leads.findAll(request).getContent()
                : leads.findByStatusOrderById(status, request);
        return found.stream().map(LeadView::of).toList();
    }

    /** One lead. */
    @GetMapping("/crm/leads/{id}")
    @Transactional(readOnly = true)
    public LeadView lead(@PathVariable("id") long id) {
        return LeadView.of(find(id));
    }

    /** Converts a lead into a customer (409 when it already is one). */
    @PostMapping("/crm/leads/{id}/convert")
    @Transactional
    public CustomerView convert(@PathVariable("id") long id) {
        return CustomerView.of(converter.convert(id));
    }

    /** Customers by id, 50 a page. */
    @GetMapping("/crm/customers")
    @Transactional(readOnly = true)
    public List<CustomerView> customers(@RequestParam(name = "page", defaultValue = "0") int page) {
        return customers.findAll(PageRequest.of(Math.max(0, page), 50, Sort.by("id"))).stream()
                .map(CustomerView::of).toList();
    }

    /** One customer. */
    @GetMapping("/crm/customers/{id}")
    @Transactional(readOnly = true)
    public CustomerView customer(@PathVariable("id") long id) {
        return CustomerView.of(customers.findById(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id)));
    }

    private Lead find(long id) {
        return leads.findById(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id));
    }
}
