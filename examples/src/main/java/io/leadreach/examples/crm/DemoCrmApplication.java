package io.leadreach.examples.crm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo CRM. {@code mvn -q -pl examples spring-boot:run} starts it at http://localhost:8080 with
 * its demo data and users; {@code --demo-campaign} runs one campaign headless (on a free port),
 * prints its progress and final statistics, and exits 0.
 */
@SpringBootApplication
public class DemoCrmApplication {

    /** The command-line switch of the headless demo campaign. */
    public static final String DEMO_CAMPAIGN = "--demo-campaign";

    /** Starts the app, or runs the demo campaign and exits. */
    public static void main(String[] args) {
        boolean demoCampaign = Arrays.asList(args).contains(DEMO_CAMPAIGN);
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (demoCampaign && arguments.stream().noneMatch(a -> a.startsWith("--server.port="))) {
            arguments.add("--server.port=0"); // beside a running demo without a clash
        }
        ConfigurableApplicationContext context = SpringApplication.run(DemoCrmApplication.class,
                arguments.toArray(String[]::new));
        if (demoCampaign) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}
