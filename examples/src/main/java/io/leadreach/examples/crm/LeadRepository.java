package io.leadreach.examples.crm;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** The demo CRM's leads. */
public interface LeadRepository extends JpaRepository<Lead, Long> {

    /** Leads in a stage, by id. */
    List<Lead> findByStatusOrderById(String status, Pageable page);

    /** Leads with this mobile number. */
    List<Lead> findByMobile(String mobile);

    /** How many leads are in a stage. */
    long countByStatus(String status);

    /** A page of the leads that match every filter given (a null filter matches any value). */
    @Query("select l from Lead l where (:status is null or l.status = :status)"
            + " and (:source is null or l.source = :source) and (:priority is null or l.priority = :priority)")
    Page<Lead> search(@Param("status") String status, @Param("source") String source,
                      @Param("priority") String priority, Pageable page);

    /** The stages in use. */
    @Query("select distinct l.status from Lead l where l.status is not null order by l.status")
    List<String> statuses();

    /** The sources in use. */
    @Query("select distinct l.source from Lead l where l.source is not null order by l.source")
    List<String> sources();

    /** The priorities in use. */
    @Query("select distinct l.priority from Lead l where l.priority is not null order by l.priority")
    List<String> priorities();
}
