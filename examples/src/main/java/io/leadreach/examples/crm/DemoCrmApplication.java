package io.leadreach.examples.crm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo CRM. {@code mvn -q -pl examples spring-boot:run} starts it at http://localhost:8080 with
 * its demo data and users; {@code --demo-campaign} runs one campaign headless (on a free port and
 * an in-memory database), prints its progress and final statistics, and exits 0.
 */
@SpringBootApplication
public class DemoCrmApplication {

    /** The command-line switch of the headless demo campaign. */
    public static final String DEMO_CAMPAIGN = "--demo-campaign";

    /** Starts the app, or runs the demo campaign and exits. */
    public static void main(String[] args) {
        boolean demoCampaign = Arrays.asList(args).contains(DEMO_CAMPAIGN);
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (demoCampaign) {
            // Beside a running demo without a clash: a free port, and (unless a profile or a URL
            // names a database) fresh demo data in memory, as the running demo holds the H2 file's lock.
            addUnlessGiven(arguments, "--server.port=0");
            addUnlessGiven(arguments, "--logging.level.root=WARN"); // the progress lines, not the logs
            addUnlessGiven(arguments, "--spring.main.banner-mode=off");
            boolean profile = arguments.stream().anyMatch(a -> a.startsWith("--spring.profiles.active="))
                    || System.getenv("SPRING_PROFILES_ACTIVE") != null
                    || System.getProperty("spring.profiles.active") != null;
            if (!profile) {
                addUnlessGiven(arguments, "--spring.datasource.url=jdbc:h2:mem:leadreach-demo-campaign;DB_CLOSE_DELAY=-1");
            }
        }
        ConfigurableApplicationContext context = SpringApplication.run(DemoCrmApplication.class,
                arguments.toArray(String[]::new));
        if (demoCampaign) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }

    private static void addUnlessGiven(List<String> arguments, String argument) {
        String key = argument.substring(0, argument.indexOf('=') + 1);
        if (arguments.stream().noneMatch(a -> a.startsWith(key))) {
            arguments.add(argument);
        }
    }
}
