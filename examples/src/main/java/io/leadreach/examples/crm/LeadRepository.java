package io.leadreach.examples.crm;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** The demo CRM's leads. */
public interface LeadRepository extends JpaRepository<Lead, Long> {

    /** Leads in a stage, by id. */
    List<Lead> findByStatusOrderById(String status, Pageable page);

    /** Leads with this mobile number. */
    List<Lead> findByMobile(String mobile);

    /** How many leads are in a stage. */
    long countByStatus(String status);
}
