package org.ascolto.localinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers the tests start, below the kernel's range of ephemeral ports. A port the kernel picks
 * ({@code new ServerSocket(0)}) is free when picked, but until the server binds it, seconds later for a JVM, the kernel may
 * give it to any outgoing connection as its local port, from the same range: the server then fails with "Address already
 * in use". A port below that range is only ever taken by a bind. Each port is handed out once per JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    /** Where Linux's ephemeral range starts by default; other systems start higher. */
    private static final int EPHEMERAL_DEFAULT = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Where this machine's ephemeral range starts: the end of the ports handed out. */
    private static final int END = ephemeralStart();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port no server listens on, below the ephemeral range, not handed out before by this JVM. */
    public static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, END);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + END);
    }

    private static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : EPHEMERAL_DEFAULT;
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_DEFAULT;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
