package io.leadreach.attachment;

import io.leadreach.internal.FieldErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link ClamdVirusScanner} reaches clamd, the ClamAV daemon: over TCP at a host and
 * port (clamd's {@code TCPSocket}), or over a Unix domain socket (clamd's {@code LocalSocket}), not
 * both. Immutable.
 *
 * <pre>{@code
 * ClamdConfig tcp = ClamdConfig.custom().host("clamav").port(3310).timeout(Duration.ofSeconds(10)).build();
 * ClamdConfig local = ClamdConfig.custom().socket(Path.of("/run/clamav/clamd.ctl")).build();
 * }</pre>
 */
public final class ClamdConfig {

    /** The default host: {@code localhost}. */
    public static final String DEFAULT_HOST = "localhost";
    /** The default port: 3310, clamd's {@code TCPSocket} default. */
    public static final int DEFAULT_PORT = 3310;
    /** The default limit on one whole scan (connect, send, answer): 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The default size of the chunks the file is streamed in: 64 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private static final ClamdConfig DEFAULTS = custom().build();

    private final String host;
    private final int port;
    private final Path socket;
    private final Duration timeout;
    private final int chunkSize;

    private ClamdConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.socket = builder.socket;
        this.timeout = builder.timeout;
        this.chunkSize = builder.chunkSize;
    }

    /** {@link #DEFAULT_HOST}:{@link #DEFAULT_PORT}, {@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_CHUNK_SIZE}. */
    public static ClamdConfig ofDefaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from {@code config}'s settings. */
    public static Builder from(ClamdConfig config) {
        Builder b = new Builder().timeout(config.timeout).chunkSize(config.chunkSize);
        return config.socket != null ? b.socket(config.socket) : b.host(config.host).port(config.port);
    }

    /** clamd's Unix domain socket, when clamd is reached through one rather than TCP. */
    public Optional<Path> socket() {
        return Optional.ofNullable(socket);
    }

    /** Where clamd is reached, for messages: the socket's path, or host:port. */
    public String address() {
        return socket != null ? socket.toString() : host + ":" + port;
    }

    /** clamd's host name or address (not used when {@link #socket()} is set). */
    public String host() {
        return host;
    }

    /** clamd's TCP port (not used when {@link #socket()} is set). */
    public int port() {
        return port;
    }

    /** The limit on one whole scan: connecting, streaming the file and reading the answer. */
    public Duration timeout() {
        return timeout;
    }

    /** The size of the chunks the file is streamed in, in bytes. */
    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClamdConfig other && host.equals(other.host) && port == other.port
                && Objects.equals(socket, other.socket) && timeout.equals(other.timeout) && chunkSize == other.chunkSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, socket, timeout, chunkSize);
    }

    @Override
    public String toString() {
        return "ClamdConfig[" + (socket != null ? "socket=" + socket : "host=" + host + ", port=" + port)
                + ", timeout=" + timeout + ", chunkSize=" + chunkSize + "]";
    }

    /** Builds a {@link ClamdConfig}; starts from the defaults (TCP to {@code localhost:3310}). */
    public static final class Builder {

        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private boolean tcpSet;
        private Path socket;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int chunkSize = DEFAULT_CHUNK_SIZE;

        private Builder() {
        }

        /** clamd's host name or address; not blank. */
        public Builder host(String host) {
            this.host = host;
            this.tcpSet = true;
            return this;
        }

        /** clamd's TCP port, 1 to 65535. */
        public Builder port(int port) {
            this.port = port;
            this.tcpSet = true;
            return this;
        }

        /**
         * Reach clamd over this Unix domain socket (clamd's {@code LocalSocket}) instead of TCP; not
         * together with {@link #host(String)} or {@link #port(int)}.
         */
        public Builder socket(Path socket) {
            this.socket = socket;
            return this;
        }

        /** The limit on one whole scan; positive, at most {@link Integer#MAX_VALUE} milliseconds. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The chunk size in bytes, 1 byte to 16 MiB. */
        public Builder chunkSize(int bytes) {
            this.chunkSize = bytes;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws io.leadreach.ValidationException naming each setting at fault, and {@code socket}
         *                                          when both a socket and a host or port were given
         */
        public ClamdConfig build() {
            FieldErrors errors = new FieldErrors()
                    .check(host != null && !host.isBlank(), "host", "blank", "must not be blank")
                    .between("port", port, 1, 65_535)
                    .check(socket == null || !socket.toString().isBlank(), "socket", "blank", "must not be blank")
                    .positive("timeout", timeout)
                    .between("chunkSize", chunkSize, 1, 16 * 1024 * 1024);
            if (!errors.has("timeout")) {
                errors.check(timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) <= 0, "timeout", "out_of_range",
                        "must be at most " + Duration.ofMillis(Integer.MAX_VALUE) + ", got " + timeout);
            }
            errors.check(socket == null || !tcpSet, "socket", "conflict", "(" + socket + ") and a TCP address ("
                    + host + ":" + port + ") are alternatives: clamd is reached over one, not both");
            errors.throwIfAny();
            return new ClamdConfig(this);
        }
    }
}
