package io.leadreach.attachment;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tiny stand-in for clamd on a loopback port or a Unix domain socket: it speaks the {@code zINSTREAM} / {@code zPING}
 * protocol, records what it received, and answers, stays silent, hangs up or stops reading as told.
 * Serves one connection at a time.
 */
final class FakeClamd implements AutoCloseable {

    enum Behaviour {
        /** Read the whole request, then answer with the responder. */
        ANSWER,
        /** Read the whole request, then say nothing until closed. */
        SILENT,
        /** Read the command, then hang up without answering. */
        HANG_UP,
        /** Accept the connection but never read from it. */
        STOP_READING
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final int port;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);

    volatile Behaviour behaviour = Behaviour.ANSWER;
    volatile Function<byte[], String> responder = bytes -> "stream: OK";
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<List<Integer>> chunkLengths = new CopyOnWriteArrayList<>();
    final List<byte[]> streams = new CopyOnWriteArrayList<>();

    /** A fake on a free loopback port. */
    FakeClamd() throws IOException {
        this(null);
    }

    /** A fake on the Unix domain socket {@code socket} (created; deleted on close), or on a loopback port when null. */
    FakeClamd(Path socket) throws IOException {
        this.socket = socket;
        if (socket == null) {
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        } else {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket), 10);
            port = -1;
        }
        thread = new Thread(this::serve, "fake-clamd");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return port;
    }

    ClamdConfig.Builder config() {
        return socket != null ? ClamdConfig.custom().socket(socket) : ClamdConfig.custom().host("127.0.0.1").port(port());
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                handle(client);
            } catch (IOException | InterruptedException e) {
                // the server was closed, or the client went away: serve the next one
            }
        }
    }

    private void handle(SocketChannel client) throws IOException, InterruptedException {
        if (behaviour == Behaviour.STOP_READING) {
            closed.await(10, TimeUnit.SECONDS);
            return;
        }
        DataInputStream in = new DataInputStream(Channels.newInputStream(client));
        String command = readCommand(in);
        commands.add(command);
        if (behaviour == Behaviour.HANG_UP) {
            return;
        }
        String reply;
        if (command.equals("zINSTREAM")) {
            List<Integer> lengths = new CopyOnWriteArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int length;
            do {
                length = in.readInt();
                lengths.add(length);
                stream.write(in.readNBytes(length));
            } while (length != 0);
            chunkLengths.add(lengths);
            streams.add(stream.toByteArray());
            reply = responder.apply(stream.toByteArray());
        } else if (command.equals("zPING")) {
            reply = "PONG";
        } else {
            reply = "UNKNOWN COMMAND";
        }
        if (behaviour == Behaviour.SILENT) {
            closed.await(10, TimeUnit.SECONDS);
            return;
        }
        OutputStream out = Channels.newOutputStream(client);
        out.write((reply + "\0").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readCommand(DataInputStream in) throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0) {
            command.write(b);
        }
        return command.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (socket != null) {
            Files.deleteIfExists(socket);
        }
    }
}
