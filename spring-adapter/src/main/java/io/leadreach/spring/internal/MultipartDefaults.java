package io.leadreach.spring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Spring Boot accepts uploads of 1 MB by default, less than LeadReach's attachments (5 MB). Unless
 * the host sets them, this raises {@code spring.servlet.multipart.max-file-size} to
 * {@code leadreach.attachments.max-size} plus 1 MB (so a file just over the policy's limit still
 * gets the policy's precise error) and {@code max-request-size} 1 MB beyond that. It adds the
 * lowest-precedence property source, so any value the host configures wins.
 */
public class MultipartDefaults implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source added. */
    public static final String SOURCE = "leadreach-multipart-defaults";

    static final String MAX_FILE = "spring.servlet.multipart.max-file-size";
    static final String MAX_REQUEST = "spring.servlet.multipart.max-request-size";
    private static final DataSize DEFAULT_ATTACHMENT = DataSize.ofMegabytes(5);
    private static final long MARGIN = DataSize.ofMegabytes(1).toBytes();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DataSize attachment;
        try {
            attachment = Binder.get(environment).bind("leadreach.attachments.max-size", DataSize.class)
                    .orElse(DEFAULT_ATTACHMENT);
        } catch (RuntimeException e) {
            return; // a malformed size is reported when the properties are bound
        }
        long file = attachment.toBytes() + MARGIN;
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!environment.containsProperty(MAX_FILE)) {
            defaults.put(MAX_FILE, file + "B");
        }
        if (!environment.containsProperty(MAX_REQUEST)) {
            defaults.put(MAX_REQUEST, (file + MARGIN) + "B");
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
        }
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
