package io.leadreach.examples.crm.pages;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The demo CRM on a random port with a database of its own, as the page tests use it: one
 * application context for all of them (the same annotation, so Spring's test context cache shares
 * it). The demo users' password is {@value #PASSWORD}; 120 demo leads, 12 of them converted, and
 * the walk-in customers. The simulator posts its webhooks to the app but scripts no replies.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "demo.password=" + DemoCrmPagesTest.PASSWORD, "demo.leads=120", "demo.simulator.replies=false",
        "spring.datasource.url=jdbc:h2:mem:crm_pages;DB_CLOSE_DELAY=-1",
        "leadreach.attachments.directory=target/test-attachments"})
@AutoConfigureMockMvc
public @interface DemoCrmPagesTest {

    /** Every demo user's password in these tests. */
    String PASSWORD = "pages-test";
}
