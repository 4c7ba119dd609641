package dev.codepulse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on the loopback address. */
public final class FreePorts {
    private FreePorts() {}

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago. Another process may take it before
     * the caller binds it, so callers bind soon after.
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to find a free port on 127.0.0.1", e);
        }
    }
}
