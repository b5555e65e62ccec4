package io.leadreach.attachment;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tiny stand-in for clamd on a loopback port: it speaks the {@code zINSTREAM} / {@code zPING}
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

    private final ServerSocket server;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);

    volatile Behaviour behaviour = Behaviour.ANSWER;
    volatile Function<byte[], String> responder = bytes -> "stream: OK";
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<List<Integer>> chunkLengths = new CopyOnWriteArrayList<>();
    final List<byte[]> streams = new CopyOnWriteArrayList<>();

    FakeClamd() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-clamd");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    ClamdConfig.Builder config() {
        return ClamdConfig.custom().host("127.0.0.1").port(port());
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                handle(socket);
            } catch (IOException | InterruptedException e) {
                // the server was closed, or the client went away: serve the next one
            }
        }
    }

    private void handle(Socket socket) throws IOException, InterruptedException {
        if (behaviour == Behaviour.STOP_READING) {
            closed.await(10, TimeUnit.SECONDS);
            return;
        }
        DataInputStream in = new DataInputStream(socket.getInputStream());
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
        OutputStream out = socket.getOutputStream();
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
    }
}
