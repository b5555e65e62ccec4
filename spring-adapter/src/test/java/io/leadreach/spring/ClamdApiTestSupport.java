package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import io.leadreach.attachment.ClamdProcess;
import io.leadreach.security.Permission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The send route against a real clamd ({@link ClamdProcess}, started once per class before the
 * application context, stopped after it; skipped when clamd is not installed, failed under
 * {@code -Pall}). Each class keeps its attachments in a directory of its own, so "nothing stored"
 * is read off the disk.
 */
@ExtendWith(ClamdProcess.Installed.class)
abstract class ClamdApiTestSupport extends ApiTestSupport {

    static ClamdProcess clamd;
    static Path attachments;

    @BeforeAll
    static void startClamd() throws IOException {
        attachments = Files.createTempDirectory("leadreach-clamd-api");
        clamd = ClamdProcess.start();
    }

    @AfterAll
    static void stopClamd() throws IOException {
        if (clamd != null) {
            clamd.close();
            clamd = null;
        }
        try (Stream<Path> files = Files.walk(attachments)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Scanning on, attachments in this class's directory; the rest of the clamd settings are the subclass's. */
    static void scanning(DynamicPropertyRegistry registry, String mode) {
        registry.add("leadreach.attachments.clamd.enabled", () -> "true");
        registry.add("leadreach.attachments.clamd.mode", () -> mode);
        registry.add("leadreach.attachments.directory", () -> attachments.toString());
    }

    /** A single send to lead 5 with this PDF attached. */
    ResultActions upload(String filename, byte[] pdf) throws Exception {
        return mvc.perform(multipart("/leads/{lead}/whatsapp/send", 5)
                .file(new MockMultipartFile("attachment", filename, "application/pdf", pdf))
                .param("message", "Your quote").with(as(Permission.SEND)));
    }

    /** Runs the upload and checks that nothing was stored or sent. */
    ResultActions refused(String filename, byte[] pdf) throws Exception {
        long stored = storedFiles();
        int sent = transport.count();
        ResultActions result = upload(filename, pdf);
        assertThat(storedFiles()).as("files stored").isEqualTo(stored);
        assertThat(transport.count()).as("messages sent").isEqualTo(sent);
        return result;
    }

    static long storedFiles() {
        try (Stream<Path> files = Files.walk(attachments)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
