package org.ascolto.simulator.channels;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One kept-alive HTTP/1.1 connection to one adapter, used by one thread at a time, as a webhook sender holds
 * its connections open. It writes a delivery's bytes and reads the status, {@code Retry-After} and the body
 * (by {@code Content-Length} or chunked): a few microseconds of CPU per request where {@code java.net.http}
 * spends the better part of a millisecond, which on a small machine is taken from the platform under test.
 */
public final class AdapterConnection implements AutoCloseable {

    /** What the adapter answered: the status and, for a 503, how many seconds it asks the sender to wait. */
    public record Answer(int status, OptionalLong retryAfterSeconds) {
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public AdapterConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Sends the delivery and reads the whole answer; a connection the adapter closed meanwhile is reopened once. */
    public Answer send(Delivery delivery) throws IOException {
        boolean reused = socket != null;
        try {
            return exchange(delivery);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(delivery);
        }
    }

    private Answer exchange(Delivery delivery) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(head(delivery));
        out.write(delivery.body());
        out.flush();
        return readAnswer();
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream(), 8_192);
        out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
    }

    private static byte[] head(Delivery delivery) {
        URI uri = delivery.uri();
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Content-Length: ").append(delivery.body().length).append("\r\n");
        delivery.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private Answer readAnswer() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        OptionalLong retryAfter = OptionalLong.empty();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                case "retry-after" -> retryAfter = seconds(value);
                default -> {
                }
            }
        }
        if (chunked) {
            for (long chunk = Long.parseLong(line().split(";", 2)[0].trim(), 16); chunk > 0;
                    chunk = Long.parseLong(line().split(";", 2)[0].trim(), 16)) {
                skip(chunk);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            closes = true;
        }
        if (closes) {
            close();
        }
        return new Answer(status, retryAfter);
    }

    private static OptionalLong seconds(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException httpDate) {
            return OptionalLong.empty();
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the adapter closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0;) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the adapter closed the connection");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
