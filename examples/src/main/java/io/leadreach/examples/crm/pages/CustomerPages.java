package io.leadreach.examples.crm.pages;

import io.leadreach.examples.crm.Customer;
import io.leadreach.examples.crm.CustomerRepository;
import io.leadreach.examples.crm.Lead;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer pages: the list ({@code GET /crm/customers?page=}) and a customer's edit page
 * ({@code GET}, {@code POST /crm/customers/{id}}: name and mobile). A customer converted from a
 * lead shows where it came from, with links to that lead.
 */
@Controller
public class CustomerPages {

    /** Customers on a page of the list. */
    public static final int PAGE_SIZE = 25;
    /** The longest name the CRM keeps. */
    public static final int MAX_NAME = 120;

    private final CustomerRepository customers;

    /** The pages over the CRM's customers. */
    public CustomerPages(CustomerRepository customers) {
        this.customers = customers;
    }

    /** The lead a customer was converted from. */
    public record LeadRef(long id, String leadNumber, String name) {
    }

    /** A customer, ready to show; {@code lead} is null for one who never was a lead. */
    public record CustomerDetails(long id, String name, String mobile, LeadRef lead, String convertedOn) {
        static CustomerDetails of(Customer c) {
            Lead l = c.originalLead();
            return new CustomerDetails(c.id(), c.name(), Views.phone(c.mobile()),
                    l == null ? null : new LeadRef(l.id(), l.leadNumber(), l.name()), Views.date(c.convertedAt()));
        }
    }

    /** The customer list. */
    @GetMapping(path = "/crm/customers", produces = MediaType.TEXT_HTML_VALUE)
    @Transactional(readOnly = true)
    public String index(@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        Page<Customer> found = customers.findAll(PageRequest.of(Math.max(0, page), PAGE_SIZE, Sort.by("id")));
        model.addAttribute("customers", found.map(CustomerDetails::of).getContent());
        model.addAttribute("pager", Views.Pager.of(found, "/crm/customers", Map.of()));
        return "crm/customers";
    }

    /** A customer's edit page. */
    @GetMapping(path = "/crm/customers/{id}", produces = MediaType.TEXT_HTML_VALUE)
    @Transactional(readOnly = true)
    public String edit(@PathVariable("id") long id, Model model) {
        Customer c = find(id);
        model.addAttribute("customer", CustomerDetails.of(c));
        model.addAttribute("form", new CustomerForm(c.name(), c.mobile() == null ? "" : Views.phone(c.mobile())));
        return "crm/customer";
    }

    /** Saves the name and mobile; shows the form again with what is wrong. */
    @PostMapping(path = "/crm/customers/{id}", produces = MediaType.TEXT_HTML_VALUE)
    @Transactional
    public String save(@PathVariable("id") long id, @ModelAttribute("form") CustomerForm form, BindingResult errors,
                       Model model, RedirectAttributes redirect) {
        Customer c = find(id);
        String name = Views.blankToNull(form.getName());
        String typed = Views.blankToNull(form.getMobile());
        String mobile = typed == null ? null : Views.e164(typed);
        if (name == null) {
            errors.rejectValue("name", "required", "Enter the customer's name.");
        } else if (name.length() > MAX_NAME) {
            errors.rejectValue("name", "too-long", "The name can have at most " + MAX_NAME + " characters.");
        }
        if (typed != null && mobile == null) {
            errors.rejectValue("mobile", "invalid",
                    "Enter a valid mobile number with its country code, such as +1 201 555 0123.");
        }
        if (errors.hasErrors()) {
            model.addAttribute("customer", CustomerDetails.of(c));
            return "crm/customer";
        }
        c.update(name, mobile);
        redirect.addFlashAttribute("notice", "Customer saved.");
        return "redirect:/crm/customers/" + id;
    }

    private Customer find(long id) {
        return customers.findById(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer " + id));
    }
}
