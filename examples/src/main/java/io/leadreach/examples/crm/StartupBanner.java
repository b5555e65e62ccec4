package io.leadreach.examples.crm;

import io.leadreach.security.Permission;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where the app listens and the demo users once it is ready. */
@Component
public class StartupBanner {

    private final DemoUsers users;
    private final DemoCrmConfiguration.DemoPort port;
    private final Environment environment;
    private final ApplicationArguments arguments;

    /** The banner of these users on this port. */
    public StartupBanner(DemoUsers users, DemoCrmConfiguration.DemoPort port, Environment environment,
                         ApplicationArguments arguments) {
        this.users = users;
        this.port = port;
        this.environment = environment;
        this.arguments = arguments;
    }

    /** Prints the banner (not in the headless demo campaign). */
    @EventListener(ApplicationReadyEvent.class)
    public void print() {
        if (arguments.containsOption(DemoCrmApplication.DEMO_CAMPAIGN.substring(2))) {
            return;
        }
        String host = environment.getProperty("server.address", "localhost");
        StringBuilder b = new StringBuilder();
        b.append("\n  LeadReach demo CRM is up: http://").append(host.equals("127.0.0.1") ? "localhost" : host)
                .append(':').append(port.port()).append("/\n");
        b.append("  WhatsApp: ").append(environment.getProperty("leadreach.whatsapp.mode", "sandbox"))
                .append(" | database: ").append(environment.getProperty("spring.datasource.url", "?")).append('\n');
        b.append("  Sign in at http://localhost:").append(port.port()).append(DemoCrmSecurity.LOGIN)
                .append(" as a demo user (or HTTP Basic for the API; demo data only, passwords new at each start):\n");
        for (DemoUsers.DemoUser u : users.users()) {
            b.append(String.format(Locale.ROOT, "    %-6s %-13s %s%n", u.name(), u.password(),
                    u.permissions().isEmpty() ? "(the CRM's pages only, no LeadReach permission)"
                            : u.permissions().stream().map(Permission::authority).collect(Collectors.joining(", "))));
        }
        b.append("  Try: curl -u admin:").append(users.get("admin").password()).append(" http://localhost:")
                .append(port.port()).append("/leads/whatsapp/campaigns\n");
        System.out.println(b);
    }
}
