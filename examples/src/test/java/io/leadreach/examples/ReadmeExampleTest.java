package io.leadreach.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain-Java snippet of README.md, read from README.md itself (the {@code java} block after
 * the {@value #MARKER} comment), compiled with the test class path and run against the simulator.
 * An edit of the snippet that does not compile or no longer sends fails here.
 */
class ReadmeExampleTest {

    static final String MARKER = "<!-- readme-example: plain-java";

    /** What the snippet may use without naming its package, as a reader's IDE would import it. */
    private static final List<String> IMPORTS = List.of("io.leadreach.CampaignSpec", "io.leadreach.LeadReach",
            "io.leadreach.campaign.Campaign", "io.leadreach.lead.LeadDirectory", "io.leadreach.lead.TargetCriteria",
            "io.leadreach.security.Actor", "io.leadreach.security.Permission", "io.leadreach.sending.SendingConfig",
            "io.leadreach.whatsapp.CloudApiTransport", "io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator");

    @TempDir
    Path classes;

    @Test
    void theReadmeSnippetSendsASingleMessageAndACampaign() throws Throwable {
        // Leads live where it is now early afternoon, so quiet hours never get in the way of the test.
        ZoneOffset afternoon = ZoneOffset.ofHours(14 - ZonedDateTime.now(ZoneOffset.UTC).getHour());
        InMemoryLeadDirectory myCrmLeads = new InMemoryLeadDirectory();
        myCrmLeads.put(Lead.builder(42).name("Alex Doe").mobile("+12015550142").status("new").timeZone(afternoon)
                .build());
        for (long id = 1; id <= 5; id++) {
            myCrmLeads.put(Lead.builder(id).name("Lead " + id).mobile("+1201555010" + id).status("qualified")
                    .productInterest("home loan").timeZone(afternoon).build());
        }
        AtomicReference<WhatsAppCloudSimulator> seen = new AtomicReference<>();
        Consumer<WhatsAppCloudSimulator> whileOpen = simulator -> {
            seen.set(simulator);
            await().atMost(Duration.ofSeconds(20)).until(() -> simulator.sentCount() >= 6);
            assertThat(simulator.sentMessages()).extracting(SentMessage::body)
                    .contains("Hi Alex, your quote is ready.", "Hello Lead 3, our home loan offer ends Friday.");
        };

        compile(readmeSnippet());
        run(myCrmLeads, whileOpen);

        assertThat(seen.get()).as("the snippet ran to its last statement").isNotNull();
        assertThat(seen.get().sentCount()).isEqualTo(6);
    }

    /** The {@code java} block after the marker in README.md. */
    static String readmeSnippet() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("../README.md").normalize();
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int marker = -1;
        for (int i = 0; i < lines.size() && marker < 0; i++) {
            marker = lines.get(i).startsWith(MARKER) ? i : -1;
        }
        assertThat(marker).as("%s in %s", MARKER, readme).isNotNegative();
        assertThat(lines.get(marker + 1)).as("the line after the marker opens the java block").isEqualTo("```java");
        int end = lines.subList(marker + 2, lines.size()).indexOf("```");
        assertThat(end).as("the java block after the marker is closed").isNotNegative();
        return String.join("\n", lines.subList(marker + 2, marker + 2 + end));
    }

    /**
     * The snippet as the body of {@code run(myCrmLeads, whileOpen)}, with one statement added
     * before its closing brace (the end of its try block, while everything is open):
     * {@code whileOpen.accept(simulator);}.
     */
    private void compile(String snippet) {
        String body = snippet.stripTrailing();
        assertThat(body).as("the snippet is one try block").startsWith("try (").endsWith("}");
        String source = "package readme;\n"
                + IMPORTS.stream().map(i -> "import " + i + ";\n").reduce("", String::concat)
                + "public final class PlainJava {\n"
                + "    public static void run(LeadDirectory myCrmLeads,\n"
                + "            java.util.function.Consumer<WhatsAppCloudSimulator> whileOpen) throws Exception {\n"
                + body.substring(0, body.length() - 1) + "    whileOpen.accept(simulator);\n}\n"
                + "    }\n}\n";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///readme/PlainJava.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK's compiler").isNotNull();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        boolean compiled = compiler.getTask(null, null, diagnostics,
                List.of("-d", classes.toString(), "-classpath", classPath, "-proc:none", "--release", "17"),
                null, List.of(file)).call();
        assertThat(compiled).as("README.md's plain-Java snippet compiles:%n%s%n%s", diagnostics.getDiagnostics(),
                source).isTrue();
    }

    /** Runs the compiled snippet, its class loaded from {@link #classes} beside the test's own. */
    private void run(LeadDirectory myCrmLeads, Consumer<WhatsAppCloudSimulator> whileOpen) throws Throwable {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader())) {
            Method run = Class.forName("readme.PlainJava", true, loader)
                    .getMethod("run", LeadDirectory.class, Consumer.class);
            run.invoke(null, myCrmLeads, whileOpen);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
