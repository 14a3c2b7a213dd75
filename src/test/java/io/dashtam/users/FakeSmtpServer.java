package io.dashtam.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal SMTP server speaking the real protocol (EHLO, MAIL, RCPT, DATA, QUIT) on a local port. */
final class FakeSmtpServer implements AutoCloseable {

    record Received(String from, List<String> to, String data) {
    }

    private final ServerSocket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean rejectRecipients;

    FakeSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return received;
    }

    void rejectRecipients(boolean reject) {
        rejectRecipients = reject;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // closed or client gone: next connection
            }
        }
    }

    private void converse(Socket client) throws IOException {
        var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
        reply(out, "220 fake.smtp ESMTP");
        String from = null;
        List<String> to = new CopyOnWriteArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (command) {
                case "EHLO", "HELO" -> reply(out, "250 fake.smtp");
                case "MAIL" -> {
                    from = line.substring(line.indexOf(':') + 1).trim();
                    reply(out, "250 OK");
                }
                case "RCPT" -> {
                    if (rejectRecipients) {
                        reply(out, "550 mailbox unavailable");
                    } else {
                        to.add(line.substring(line.indexOf(':') + 1).trim());
                        reply(out, "250 OK");
                    }
                }
                case "DATA" -> {
                    reply(out, "354 end with .");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append('\n');
                    }
                    received.add(new Received(from, List.copyOf(to), data.toString()));
                    to.clear();
                    reply(out, "250 queued");
                }
                case "RSET", "NOOP" -> reply(out, "250 OK");
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 not implemented");
            }
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
