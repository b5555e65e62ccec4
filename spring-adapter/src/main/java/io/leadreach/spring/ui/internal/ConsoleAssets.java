package io.leadreach.spring.ui.internal;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the console's stylesheet and scripts from the jar ({@code /leads/whatsapp/assets/**}) and
 * the WebJars it uses (htmx, its SSE extension, ECharts: {@code /leads/whatsapp/assets/lib/**}),
 * so that nothing is loaded from a CDN and the host's own {@code /webjars/**} is not needed.
 */
public final class ConsoleAssets implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(UiContext.ASSETS + "/lib/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic());
        registry.addResourceHandler(UiContext.ASSETS + "/**")
                .addResourceLocations("classpath:/io/leadreach/spring/ui/static/")
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
    }
}
