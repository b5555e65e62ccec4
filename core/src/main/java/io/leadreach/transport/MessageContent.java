package io.leadreach.transport;

import java.util.List;
import java.util.Objects;

/** What a message carries: free-form text, a media file with an optional caption, or an approved template. */
public sealed interface MessageContent {

    /** Free-form text, allowed only inside the 24-hour service window. At most 4096 characters. */
    record Text(String body, boolean previewUrl) implements MessageContent {
        public Text {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A media message (image, document, video or audio) with an optional caption (at most 1024
     * characters; not for audio). The transport uploads the attachment's bytes, or reuses an id it
     * already holds for the same content.
     */
    record Media(MediaFile file, String caption) implements MessageContent {
        public Media {
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * An approved WhatsApp template.
     *
     * @param name           the template's name at the provider
     * @param language       its language code, such as {@code en_US}
     * @param bodyParameters the body's positional parameters, in order
     * @param headerMedia    an optional header image or document
     * @param buttonPayloads quick-reply payloads by button index (may be empty)
     */
    record Template(String name, String language, List<String> bodyParameters,
                    MediaFile headerMedia, List<String> buttonPayloads) implements MessageContent {
        public Template {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            bodyParameters = List.copyOf(bodyParameters);
            buttonPayloads = buttonPayloads == null ? List.of() : List.copyOf(buttonPayloads);
        }
    }
}
