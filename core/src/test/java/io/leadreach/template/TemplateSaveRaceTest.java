package io.leadreach.template;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.TemplateSpec;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryTemplateStore;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A template edit reads the template, then writes it back. A usage count or a provider status
 * that arrives between the two (a campaign finishing, a template status webhook) must survive the
 * write.
 */
class TemplateSaveRaceTest {

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

    private final InMemoryTemplateStore real = new InMemoryTemplateStore();
    /** Runs once, right after the next read of a template by id: what arrives between read and write. */
    private final AtomicReference<Runnable> afterNextRead = new AtomicReference<>();
    private LeadReach leadReach;

    @BeforeEach
    void setUp() {
        TemplateStore racing = (TemplateStore) Proxy.newProxyInstance(TemplateStore.class.getClassLoader(),
                new Class<?>[] {TemplateStore.class}, (proxy, m, args) -> {
                    Object result;
                    try {
                        result = m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (m.getName().equals("findById")) {
                        Runnable r = afterNextRead.getAndSet(null);
                        if (r != null) {
                            r.run();
                        }
                    }
                    return result;
                });
        MutableClock clock = new MutableClock(NOON);
        leadReach = LeadReach.builder().clock(clock).transport(new RecordingTransport())
                .leadDirectory(new InMemoryLeadDirectory()).templateStore(racing).workQueue(new ManualWorkQueue(clock))
                .autoStart(false).build();
    }

    @AfterEach
    void close() {
        leadReach.close();
    }

    private MessageTemplate bound() {
        return leadReach.templates().createTemplate(ADMIN, TemplateSpec.builder().name("renewal")
                .category(TemplateCategory.REMINDER).body("Hi {name}")
                .binding(new WhatsAppTemplateBinding("renewal_reminder", "en_US", List.of("name"))).build());
    }

    @Test
    void anEditKeepsAUsageCountAndAProviderStatusThatArrivedBetweenItsReadAndItsWrite() {
        MessageTemplate t = bound();
        afterNextRead.set(() -> {
            real.incrementUsage(t.id(), 250);
            real.updateBindingStatus(t.id(), "PAUSED", NOON);
        });
        MessageTemplate edited = leadReach.templates().updateTemplate(ADMIN, t.id(), TemplateSpec.builder()
                .name("renewal").category(TemplateCategory.REMINDER).body("Hello {name}")
                .binding(new WhatsAppTemplateBinding("renewal_reminder", "en_US", List.of("name"))).build());

        MessageTemplate stored = real.findById(t.id()).orElseThrow();
        assertThat(stored.body()).as("the edit").isEqualTo("Hello {name}");
        assertThat(stored.usageCount()).as("the usage counted meanwhile").isEqualTo(250);
        assertThat(stored.binding().status()).as("the status reported meanwhile").isEqualTo("PAUSED");
        assertThat(edited).isEqualTo(stored);
    }

    @Test
    void switchingATemplateOffKeepsAUsageCountThatArrivedMeanwhile() {
        MessageTemplate t = bound();
        afterNextRead.set(() -> real.incrementUsage(t.id(), 7));
        leadReach.templates().setTemplateActive(ADMIN, t.id(), false);

        MessageTemplate stored = real.findById(t.id()).orElseThrow();
        assertThat(stored.active()).isFalse();
        assertThat(stored.usageCount()).isEqualTo(7);
    }
}
