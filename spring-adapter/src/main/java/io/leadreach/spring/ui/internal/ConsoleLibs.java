package io.leadreach.spring.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The WebJar files the console loads, with the versions the build resolved: Maven writes them into
 * {@code libs.properties}, so the root pom stays the one place where versions live.
 */
public final class ConsoleLibs {

    private static final Properties VERSIONS = load();

    /** htmx itself. */
    public static final String HTMX = "htmx.org/" + VERSIONS.getProperty("htmx") + "/dist/htmx.min.js";
    /** htmx's server-sent events extension. */
    public static final String HTMX_SSE = "htmx-ext-sse/" + VERSIONS.getProperty("htmx-ext-sse") + "/sse.js";
    /** Apache ECharts. */
    public static final String ECHARTS = "echarts/" + VERSIONS.getProperty("echarts") + "/dist/echarts.min.js";

    private ConsoleLibs() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ConsoleLibs.class.getResourceAsStream("/io/leadreach/spring/ui/libs.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/leadreach/spring/ui/libs.properties is missing from the jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
