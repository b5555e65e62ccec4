package io.leadreach.examples.crm;

import io.leadreach.jpa.LeadMapping;
import io.leadreach.security.Permission;
import io.leadreach.spring.LeadReachProperties;
import io.leadreach.whatsapp.simulator.ScriptedReply;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.SimulatorBuilder;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * What the demo CRM adds to the LeadReach starter: the {@link LeadMapping} of its {@link Lead}
 * entity (so the starter builds a {@code JpaLeadDirectory} over it), a sandbox simulator that posts
 * its webhooks back to this app, and the demo users ({@link DemoCrmSecurity} has the security).
 */
@Configuration(proxyBeanMethods = false)
public class DemoCrmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoCrmConfiguration.class);

    /** LeadReach's webhook route, where the simulator posts. */
    public static final String WEBHOOK = "/leads/whatsapp/webhook";

    /** How LeadReach reads the CRM's leads. */
    @Bean
    public LeadMapping leadMapping() {
        return LeadMapping.forEntity(Lead.class)
                .id("id").leadNumber("leadNumber").name("name").mobile("mobile").status("status")
                .source("source").priority("priority").assignedTo("assignedTo")
                .productInterest("productInterest").createdAt("createdAt").timeZone("timeZone")
                .birthday("birthday").anniversary("anniversary").renewalDate("renewalDate")
                .build();
    }

    /**
     * The port the app listens on. {@code server.port=0} (tests, the headless demo) is resolved to a
     * free port here, before anything starts, so that the simulator knows where to post webhooks.
     */
    @Bean
    public DemoPort demoPort(Environment environment) {
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        return new DemoPort(port);
    }

    /** Makes the web server listen on {@link #demoPort}. Runs after Boot's own customizer. */
    @Bean
    public WebServerFactoryCustomizer<ConfigurableWebServerFactory> demoPortCustomizer(DemoPort port) {
        return factory -> factory.setPort(port.port());
    }

    /**
     * The WhatsApp simulator of the sandbox mode, posting signed status webhooks (sent, delivered,
     * read, after {@code demo.simulator.delivered-after} and {@code .read-after}) and a few scripted
     * replies to this app's own webhook endpoint. The starter's simulator backs off for this one, so
     * this one serves each of {@code leadreach.whatsapp.numbers} when several are configured (the
     * first as its default number), each number's webhooks signed with its configured app secret or
     * the simulator's own.
     */
    @Bean
    @ConditionalOnProperty(prefix = "leadreach.whatsapp", name = "mode", havingValue = "sandbox", matchIfMissing = true)
    public WhatsAppCloudSimulator demoWhatsAppSimulator(DemoPort port, LeadReachProperties properties,
            @Value("${demo.simulator.read-share:0.7}") double readShare,
            @Value("${demo.simulator.replies:true}") boolean replies,
            @Value("${demo.simulator.delivered-after:400ms}") Duration deliveredAfter,
            @Value("${demo.simulator.read-after:1200ms}") Duration readAfter) {
        SimulatorBuilder builder = WhatsAppCloudSimulator.builder();
        List<LeadReachProperties.WhatsAppNumber> numbers = properties.getWhatsapp().getNumbers();
        for (int i = 0; i < numbers.size(); i++) {
            LeadReachProperties.WhatsAppNumber n = numbers.get(i);
            String id = n.getPhoneNumberId().strip();
            if (i == 0) {
                builder.phoneNumberId(id);
            } else {
                String secret = n.getAppSecret() == null || n.getAppSecret().isBlank()
                        ? WhatsAppCloudSimulator.DEFAULT_APP_SECRET : n.getAppSecret();
                builder.number(id, n.getDisplayNumber() == null ? id : n.getDisplayNumber(), secret);
            }
        }
        WhatsAppCloudSimulator simulator = builder
                .serviceWindowEnforced(false)
                .webhookUrl("http://127.0.0.1:" + port.port() + WEBHOOK)
                .statusDelays(Duration.ofMillis(100), deliveredAfter, readAfter)
                .readShare(readShare)
                .seed(2026)
                .inboundScript(replies ? DemoCrmConfiguration::reply : m -> null)
                .start();
        log.info("Sandbox: WhatsApp simulator at {}, webhooks to http://127.0.0.1:{}{}",
                simulator.baseUrl(), port.port(), WEBHOOK);
        return simulator;
    }

    /** About one recipient in twenty answers, and one in fifty sends STOP. */
    private static ScriptedReply reply(SentMessage m) {
        int n = Math.floorMod(m.to().hashCode() * 31 + 7, 100);
        if (n < 2) {
            return ScriptedReply.text(Duration.ofMillis(1500), "STOP");
        }
        if (n < 7) {
            return ScriptedReply.text(Duration.ofMillis(1800), "Yes please, call me tomorrow morning");
        }
        return null;
    }

    /**
     * The demo users, each with a different set of LeadReach permissions (granted as authorities
     * such as {@code lead-whatsapp-send}). Passwords are random at each start, unless
     * {@code demo.password} sets one for all (tests); they are printed at start: demo data only.
     */
    @Bean
    public DemoUsers demoUsers(@Value("${demo.password:}") String password) {
        Map<String, Set<Permission>> users = new LinkedHashMap<>();
        users.put("admin", EnumSet.allOf(Permission.class));
        users.put("maria", EnumSet.of(Permission.SEND, Permission.BULK_SEND, Permission.CAMPAIGN_CREATE,
                Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE, Permission.ANALYTICS_VIEW));
        users.put("tom", EnumSet.of(Permission.TEMPLATE_MANAGE, Permission.CAMPAIGN_VIEW));
        users.put("sam", EnumSet.of(Permission.SEND, Permission.CAMPAIGN_VIEW));
        users.put("vic", EnumSet.of(Permission.CAMPAIGN_VIEW, Permission.ANALYTICS_VIEW));
        users.put("lee", EnumSet.noneOf(Permission.class)); // a sales rep: the CRM's pages, no WhatsApp
        SecureRandom random = new SecureRandom();
        List<DemoUsers.DemoUser> list = new ArrayList<>();
        users.forEach((name, permissions) -> {
            String pw = password.isBlank() ? HexFormat.of().formatHex(bytes(random)) : password;
            list.add(new DemoUsers.DemoUser(name, pw, permissions));
        });
        return new DemoUsers(list);
    }

    private static byte[] bytes(SecureRandom random) {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return b;
    }

    /** The demo users for Spring Security ({@code {noop}}: demo passwords, printed anyway). */
    @Bean
    public InMemoryUserDetailsManager demoUserDetails(DemoUsers users) {
        List<UserDetails> details = users.users().stream()
                .map(u -> User.withUsername(u.name()).password("{noop}" + u.password())
                        .authorities(u.permissions().stream().map(Permission::authority).toArray(String[]::new))
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(details);
    }

    /** The port the app listens on. */
    public record DemoPort(int port) {
    }
}
