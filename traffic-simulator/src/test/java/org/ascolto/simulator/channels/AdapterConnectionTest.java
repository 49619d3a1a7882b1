package org.ascolto.simulator.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.ascolto.simulator.traffic.Channel;
import org.ascolto.simulator.traffic.Contact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a socket server that answers each request with the next canned answer, as an adapter would. */
class AdapterConnectionTest {

    private static final String ACCEPTED = "HTTP/1.1 202 Accepted\r\ncontent-type: application/json\r\ncontent-length: 21\r\n\r\n"
            + "{\"status\":\"accepted\"}";

    private final ServerSocket server;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new ArrayList<>();
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread serving;

    AdapterConnectionTest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serving = new Thread(this::serve);
        serving.setDaemon(true);
        serving.start();
    }

    /** Reads each request (head and Content-Length body) and writes the next answer; "CLOSE" closes the connection. */
    private void serve() {
        try {
            while (true) {
                Socket socket = server.accept();
                synchronized (accepted) {
                    accepted.add(socket);
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    StringBuilder request = new StringBuilder(line);
                    int length = 0;
                    for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
                        request.append('\n').append(header);
                        if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(header.substring(15).trim());
                        }
                    }
                    char[] body = new char[length];
                    for (int read = 0; read < length;) {
                        read += in.read(body, read, length - read);
                    }
                    synchronized (requests) {
                        requests.add(request.append("\n\n").append(body).toString());
                    }
                    String answer = answers.take();
                    if (answer.equals("CLOSE")) {
                        socket.close();
                        break;
                    }
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException stopped) {
            // the test is over
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private Delivery delivery(String body) {
        return new Delivery(List.of(new Contact(1, Channel.WHATSAPP, null, null, false)), List.of("ext-1"), URI.create("http://127.0.0.1:" + server.getLocalPort() + "/webhooks/whatsapp"),
                Map.of("X-Hub-Signature-256", "sha256=abc"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendsTheRequestAndKeepsTheConnectionForTheNext() throws IOException {
        answers.add(ACCEPTED);
        answers.add(ACCEPTED);
        try (AdapterConnection connection = new AdapterConnection("127.0.0.1", server.getLocalPort())) {
            assertEquals(202, connection.send(delivery("{\"a\":1}")).status());
            assertEquals(202, connection.send(delivery("{\"b\":22}")).status());
        }
        assertEquals(1, accepted.size());
        assertEquals("POST /webhooks/whatsapp HTTP/1.1", requests.get(0).lines().findFirst().orElseThrow());
        assertTrue(requests.get(0).contains("\nX-Hub-Signature-256: sha256=abc\n"), requests.get(0));
        assertTrue(requests.get(1).endsWith("\n\n{\"b\":22}"), requests.get(1));
    }

    @Test
    void readsAChunkedRefusalWithItsRetryAfter() throws IOException {
        answers.add("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\ntransfer-encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3;x=y\r\n 1}\r\n0\r\n\r\n");
        answers.add(ACCEPTED);
        try (AdapterConnection connection = new AdapterConnection("127.0.0.1", server.getLocalPort())) {
            assertEquals(new AdapterConnection.Answer(503, OptionalLong.of(7)), connection.send(delivery("{}")));
            assertEquals(new AdapterConnection.Answer(202, OptionalLong.empty()), connection.send(delivery("{}")));
        }
        assertEquals(1, accepted.size());
    }

    @Test
    void reopensAConnectionTheAdapterClosedAndSendsAgain() throws IOException {
        answers.add(ACCEPTED);
        answers.add("CLOSE");
        answers.add(ACCEPTED);
        try (AdapterConnection connection = new AdapterConnection("127.0.0.1", server.getLocalPort())) {
            assertEquals(202, connection.send(delivery("{\"first\":1}")).status());
            assertEquals(202, connection.send(delivery("{\"second\":2}")).status());
        }
        assertEquals(2, accepted.size());
        assertEquals(3, requests.size());
        assertTrue(requests.get(2).endsWith("{\"second\":2}"));
    }

    @Test
    void aFirstConnectionThatFailsIsReported() throws IOException {
        int closedPort;
        try (ServerSocket nobody = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = nobody.getLocalPort();
        }
        try (AdapterConnection connection = new AdapterConnection("127.0.0.1", closedPort)) {
            assertThrows(IOException.class, () -> connection.send(delivery("{}")));
        }
    }
}
