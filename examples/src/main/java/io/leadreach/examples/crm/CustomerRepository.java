package io.leadreach.examples.crm;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The demo CRM's customers. */
public interface CustomerRepository extends JpaRepository<Customer, Long> {

    /** The customer converted from this lead, if any. */
    Optional<Customer> findByOriginalLeadId(Long leadId);
}
