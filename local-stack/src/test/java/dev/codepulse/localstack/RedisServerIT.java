package dev.codepulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedisServerIT {

    @Test
    void shouldAnswerAfterStartAndAgainAfterRestartOnSamePort() throws IOException {
        try (RedisServer redis = RedisServer.start(RedisServer.Options.defaults())) {
            int port = redis.port();
            assertThat(send(port, "SET greeting hello\r\n")).isEqualTo("+OK");

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> send(port, "PING\r\n")).isInstanceOf(IOException.class);

            redis.restart();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(send(port, "PING\r\n")).isEqualTo("+PONG");
            assertThat(send(port, "CONFIG GET maxmemory-policy\r\n")).contains("allkeys-lru");
        }
    }

    @Test
    void shouldRejectInvalidOptions() {
        assertThatThrownBy(() -> new RedisServer.Options(70_000, 1 << 30, "allkeys-lru"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> new RedisServer.Options(0, 1000, "allkeys-lru"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxmemory");
    }

    private static String send(int port, String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int read = in.read(buffer);
            String reply = new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
            return reply.replace("\r\n", " ").strip();
        }
    }
}
