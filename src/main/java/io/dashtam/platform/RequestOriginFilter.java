package io.dashtam.platform;

import io.dashtam.core.RequestOrigin;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records who is calling. {@code X-Forwarded-For} is believed only when the socket peer is a configured trusted
 * proxy; then the client is the right-most address that is not itself a trusted proxy.
 */
class RequestOriginFilter extends OncePerRequestFilter {

    private final List<Cidr> trustedProxies;

    RequestOriginFilter(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(RequestOrigin.ATTRIBUTE,
                new RequestOrigin(clientIp(request.getRemoteAddr(), request.getHeader("X-Forwarded-For")),
                        request.getHeader("User-Agent")));
        chain.doFilter(request, response);
    }

    String clientIp(String peer, String forwardedFor) {
        if (forwardedFor == null || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !isTrusted(hop)) {
                return isIpLiteral(hop) ? hop : peer;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }

    private static boolean isIpLiteral(String s) {
        return s.matches("[0-9a-fA-F:.]+");
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String spec) {
            String[] parts = spec.trim().split("/");
            byte[] address = literal(parts[0]);
            if (address == null) {
                throw new ConfigurationProblem("DASHTAM_TRUSTED_PROXIES", "not an IP address or CIDR: " + spec);
            }
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : address.length * 8;
            return new Cidr(address, prefix);
        }

        boolean contains(String ip) {
            byte[] candidate = isIpLiteral(ip) ? literal(ip) : null;
            if (candidate == null || candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        private static byte[] literal(String ip) {
            if (!isIpLiteral(ip)) {
                return null;
            }
            try {
                return InetAddress.getByName(ip).getAddress(); // a literal: no DNS lookup happens
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
