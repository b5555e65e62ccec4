package io.leadreach.examples.crm.pages;

import io.leadreach.examples.crm.Customer;
import io.leadreach.examples.crm.CustomerRepository;
import io.leadreach.examples.crm.Lead;
import io.leadreach.examples.crm.LeadConverter;
import io.leadreach.examples.crm.LeadRepository;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * The lead pages: the index ({@code GET /crm/leads?status=&source=&priority=&page=}, 25 a page, with
 * the selection LeadReach's bulk send reads, see {@link io.leadreach.examples.crm.pages}), a lead
 * ({@code GET /crm/leads/{id}}, with the mount point of LeadReach's WhatsApp tab) and its conversion
 * into a customer ({@code POST /crm/leads/{id}/convert}).
 */
@Controller
public class LeadPages {

    /** Leads on a page of the index. */
    public static final int PAGE_SIZE = 25;

    private static final List<String> PRIORITY_ORDER = List.of("high", "medium", "low");

    private final LeadRepository leads;
    private final CustomerRepository customers;
    private final LeadConverter converter;

    /** The pages over the CRM's leads. */
    public LeadPages(LeadRepository leads, CustomerRepository customers, LeadConverter converter) {
        this.leads = leads;
        this.customers = customers;
        this.converter = converter;
    }

    /** A lead on the index. */
    public record LeadRow(long id, String leadNumber, String name, String mobile, String status, String source,
                          String priority, String assignedTo, String created) {
        static LeadRow of(Lead l) {
            return new LeadRow(l.id(), l.leadNumber(), l.name(), Views.phone(l.mobile()), l.status(), l.source(),
                    l.priority(), l.assignedTo(), Views.date(l.createdAt()));
        }
    }

    /** The index's filters (null: any) and the values each can take. */
    public record Filters(String status, String source, String priority, List<String> statuses,
                          List<String> sources, List<String> priorities) {

        /** Whether any filter is set. */
        public boolean any() {
            return status != null || source != null || priority != null;
        }
    }

    /** A lead on its page, its fields ready to show. */
    public record LeadDetails(long id, String leadNumber, String name, String mobile, String e164, String status,
                              String source, String priority, String assignedTo, String productInterest,
                              String created, String timeZone, String birthday, String anniversary,
                              String renewalDate, Long customerId, String customerName, String convertedOn) {

        /** Whether the lead became a customer. */
        public boolean converted() {
            return customerId != null;
        }
    }

    /** The lead index. */
    @GetMapping(path = "/crm/leads", produces = MediaType.TEXT_HTML_VALUE)
    @Transactional(readOnly = true)
    public String index(@RequestParam(name = "status", required = false) String status,
                        @RequestParam(name = "source", required = false) String source,
                        @RequestParam(name = "priority", required = false) String priority,
                        @RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        status = Views.blankToNull(status);
        source = Views.blankToNull(source);
        priority = Views.blankToNull(priority);
        Page<Lead> found = leads.search(status, source, priority,
                PageRequest.of(Math.max(0, page), PAGE_SIZE, Sort.by("id")));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("status", status);
        parameters.put("source", source);
        parameters.put("priority", priority);
        List<String> priorities = leads.priorities().stream().sorted(Comparator.comparingInt(p -> {
            int i = PRIORITY_ORDER.indexOf(p);
            return i < 0 ? PRIORITY_ORDER.size() : i;
        })).toList();
        model.addAttribute("filters", new Filters(status, source, priority, leads.statuses(), leads.sources(),
                priorities));
        model.addAttribute("leads", found.map(LeadRow::of).getContent());
        model.addAttribute("pager", Views.Pager.of(found, "/crm/leads", parameters));
        return "crm/leads";
    }

    /** One lead. */
    @GetMapping(path = "/crm/leads/{id}", produces = MediaType.TEXT_HTML_VALUE)
    @Transactional(readOnly = true)
    public String show(@PathVariable("id") long id, Model model) {
        Lead l = leads.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no lead " + id));
        Customer c = l.convertedCustomer();
        model.addAttribute("lead", new LeadDetails(l.id(), l.leadNumber(), l.name(), Views.phone(l.mobile()),
                l.mobile(), l.status(), l.source(), l.priority(), l.assignedTo(), l.productInterest(),
                Views.dateTime(l.createdAt()), l.timeZone(), Views.date(l.birthday()), Views.date(l.anniversary()),
                Views.date(l.renewalDate()), c == null ? null : c.id(), c == null ? null : c.name(),
                c == null ? null : Views.date(c.convertedAt())));
        return "crm/lead";
    }

    /** Converts the lead into a customer and shows the customer; a lead already converted shows its customer. */
    @PostMapping(path = "/crm/leads/{id}/convert", produces = MediaType.TEXT_HTML_VALUE)
    public String convert(@PathVariable("id") long id, RedirectAttributes redirect) {
        long customerId;
        try {
            Customer customer = converter.convert(id);
            customerId = customer.id();
            redirect.addFlashAttribute("notice", "Converted into a customer.");
        } catch (ResponseStatusException e) {
            if (e.getStatusCode().value() != HttpStatus.CONFLICT.value()) {
                throw e;
            }
            customerId = converted(id);
            redirect.addFlashAttribute("notice", "This lead already is a customer.");
        }
        return "redirect:/crm/customers/" + customerId;
    }

    private long converted(long leadId) {
        return customers.findByOriginalLeadId(leadId).map(Customer::id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer of lead " + leadId));
    }
}
