package org.ascolto.localinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

/** A PostgreSQL server that trusts connections from this machine: where it listens and as whom to connect. */
record PostgresServer(String host, int port, String user) {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    /** The server named by the standard {@code PGHOST}, {@code PGPORT} and {@code PGUSER} (default 127.0.0.1:5432, postgres). */
    static PostgresServer fromEnvironment(Map<String, String> env) {
        return new PostgresServer(valueOr(env, "PGHOST", "127.0.0.1"), Integer.parseInt(valueOr(env, "PGPORT", "5432")),
                valueOr(env, "PGUSER", "postgres"));
    }

    /** Reads what {@link #toString()} wrote, so that a server outlives the class loader that started it. */
    static PostgresServer parse(String written) {
        String[] userAndAddress = written.split("@", 2);
        int colon = userAndAddress[1].lastIndexOf(':');
        return new PostgresServer(userAndAddress[1].substring(0, colon),
                Integer.parseInt(userAndAddress[1].substring(colon + 1)), userAndAddress[0]);
    }

    String address() {
        return host + ":" + port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + address() + "/" + database;
    }

    /** Something accepts connections there; whether it speaks PostgreSQL the first statement tells. */
    boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return user + "@" + address();
    }

    private static String valueOr(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
