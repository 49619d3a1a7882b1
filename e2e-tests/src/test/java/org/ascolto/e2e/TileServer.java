package org.ascolto.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;

/**
 * A slippy-map tile server on a free loopback port, for a machine that may be offline: every tile is the same plain
 * 256 px PNG; it keeps the path and the Referer of each request, to show which tiles a page asked for and what it told.
 */
final class TileServer implements AutoCloseable {

    /** One tile request: the path ({z}/{x}/{y}.png) and the Referer header, or null. */
    record Request(String path, String referer) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private TileServer(HttpServer server) {
        this.server = server;
    }

    static TileServer start() throws IOException {
        byte[] tile = plainTile();
        TileServer tiles = new TileServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        tiles.server.createContext("/", exchange -> {
            tiles.requests.add(new Request(exchange.getRequestURI().getPath().substring(1), exchange.getRequestHeaders().getFirst("Referer")));
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, tile.length);
            exchange.getResponseBody().write(tile);
            exchange.close();
        });
        tiles.server.start();
        return tiles;
    }

    private static byte[] plainTile() {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 256; y++) {
                image.setRGB(x, y, 0xE8ECF0);
            }
        }
        try (ByteArrayOutputStream png = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL template the console is given, {z}/{x}/{y}.png on this server. */
    String template() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/{z}/{x}/{y}.png";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
