package io.leadreach;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.campaign.CampaignRunner;
import io.leadreach.lead.ConsentStore;
import io.leadreach.tracking.DeliveryTracker;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public API names no type of {@code io.leadreach.internal}; hosts get what they need by name. */
class PublicApiTest {

    private static final String INTERNAL = "io.leadreach.internal.";

    @Test
    void noPublicSignatureOutsideInternalNamesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> classes = publicApiClasses();
        assertThat(classes).as("the scan finds the API").contains(LeadReach.class, CampaignRunner.class,
                DeliveryTracker.class);
        for (Class<?> c : classes) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                check(c, k, leaks);
            }
            for (Method m : c.getDeclaredMethods()) {
                check(c, m, leaks);
                if (visible(m.getModifiers()) && !m.isSynthetic() && internal(m.getGenericReturnType())) {
                    leaks.add(c.getName() + "." + m.getName() + " returns " + m.getGenericReturnType());
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && internal(f.getGenericType())) {
                    leaks.add(c.getName() + "." + f.getName() + " is " + f.getGenericType());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theRunnerAndTheTrackerAreMadeByTheLibraryOnly() throws Exception {
        assertThat(CampaignRunner.class.getConstructors()).isEmpty();
        assertThat(DeliveryTracker.class.getConstructors()).isEmpty();
        assertThat(Modifier.isPublic(CampaignRunner.class.getDeclaredMethod("cancelOpenIfCancelled", long.class)
                .getModifiers())).isFalse();
    }

    @Test
    void optOutsRecordedThroughTheConsentViewStopSendsAndOptInsLetThemThrough() {
        try (Fixture f = new Fixture().withLeads(1)) {
            String number = Fixture.mobile(1);
            assertThat(f.leadReach.consent().isOptedOut(number)).isFalse();
            f.leadReach.consent().optOut(number, "crm-form");
            assertThat(f.consent.isOptedOut(number)).as("recorded in the consent store").isTrue();
            assertThat(f.leadReach.consent().find(number)).hasValueSatisfying(c -> {
                assertThat(c.source()).isEqualTo("crm-form");
                assertThat(c.changedAt()).isEqualTo(f.clock.instant());
            });
            assertThatThrownBy(() -> f.service().sendSingleMessage(ADMIN, 1, "Hi", null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .extracting(ValidationException.FieldError::code).contains("opted_out"));
            assertThat(f.transport.count()).isZero();
            f.leadReach.consent().optIn(number, "crm-form");
            assertThat(f.leadReach.consent().isOptedOut(number)).isFalse();
            assertThat(f.consent.find(number).map(ConsentStore.Consent::optedOut)).contains(false);
            f.service().sendSingleMessage(ADMIN, 1, "Hi", null);
            f.runDue();
            assertThat(f.transport.messagesTo(number)).hasSize(1);
        }
    }

    private static void check(Class<?> c, Executable e, List<String> leaks) {
        if (!visible(e.getModifiers()) || e.isSynthetic()) {
            return;
        }
        for (Type t : e.getGenericParameterTypes()) {
            if (internal(t)) {
                leaks.add(c.getName() + "." + e.getName() + " takes " + t);
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Whether the type, or a type argument of it, is one of the internal package's. */
    private static boolean internal(Type t) {
        return t.getTypeName().contains(INTERNAL);
    }

    /** The public classes (and their public nested ones) of core's main code, outside the internal package. */
    private static List<Class<?>> publicApiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(LeadReach.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replace('\\', '.')
                        .replaceAll("\\.class$", "");
                if (name.startsWith(INTERNAL) || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, LeadReach.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && (c.getEnclosingClass() == null
                        || Modifier.isPublic(c.getEnclosingClass().getModifiers()))) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
