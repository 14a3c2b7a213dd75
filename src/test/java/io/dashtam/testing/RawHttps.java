package io.dashtam.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 over TLS with the bytes exactly as given: malformed escapes, odd methods and duplicate headers that
 * java.net.http refuses to send. The certificate is checked against the test CA and the host name. Keeps the
 * connection alive between requests and reconnects when the server closes it.
 */
public final class RawHttps implements AutoCloseable {

    public record Response(int status, List<String[]> headers, byte[] body) {
        public String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final Executor WRITERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "raw-https-writer");
        thread.setDaemon(true);
        return thread;
    });

    private final SSLContext tls;
    private final int port;
    private SSLSocket socket;
    private InputStream in;
    private OutputStream out;

    public RawHttps(SSLContext tls, int port) {
        this.tls = tls;
        this.port = port;
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and {@code body}. Writes on a helper
     * thread while this one reads: a server may answer an oversized request (400, then close) before it has read all
     * of it, and that answer must be seen even though the rest of the write then fails with a broken pipe.
     */
    public Response exchange(String method, String head, byte[] body) throws IOException {
        for (int attempt = 0; ; attempt++) {
            boolean fresh = socket == null;
            try {
                if (fresh) {
                    connect();
                }
                OutputStream target = out;
                var written = CompletableFuture.runAsync(() -> {
                    try {
                        target.write(head.getBytes(StandardCharsets.ISO_8859_1));
                        target.write("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        if (body != null) {
                            target.write(body);
                        }
                        target.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, WRITERS);
                Response response;
                try {
                    response = read(method);
                } catch (IOException readFailed) {
                    IOException writeFailed = writeFailure(written);
                    if (writeFailed != null) {
                        readFailed.addSuppressed(writeFailed);
                    }
                    throw readFailed;
                }
                String connection = response.header("Connection");
                if (writeFailure(written) != null
                        || connection != null && connection.toLowerCase(Locale.ROOT).contains("close")) {
                    close(); // answered before the whole request was taken: this connection is done
                }
                return response;
            } catch (IOException e) {
                close();
                if (fresh || attempt > 0) {
                    throw e; // a new connection failed too: that is an answer-less request, a finding
                }
                // the kept-alive connection was closed by the server meanwhile: retry once on a new one
            }
        }
    }

    /** Waits for the write to end (closing the socket unblocks a write the server never reads) and returns its failure. */
    private IOException writeFailure(CompletableFuture<Void> written) {
        try {
            written.get(30, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            close();
            return new IOException("the request was still being written after 30 s");
        } catch (ExecutionException e) {
            return e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IOException("interrupted");
        }
    }

    private void connect() throws IOException {
        socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port);
        var params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private Response read(String method) throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        List<String[]> headers = new ArrayList<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        var response = new Response(status, headers, new byte[0]);
        if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            return response;
        }
        String type = response.header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            close(); // an event stream never ends: its status and headers are the answer
            return response;
        }
        String te = response.header("Transfer-Encoding");
        String length = response.header("Content-Length");
        byte[] body;
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            var buffer = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                buffer.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
            body = buffer.toByteArray();
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            body = in.readAllBytes();
            close();
        }
        return new Response(status, headers, body);
    }

    private String line() throws IOException {
        var buffer = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                buffer.write(b);
            }
        }
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
    }
}
