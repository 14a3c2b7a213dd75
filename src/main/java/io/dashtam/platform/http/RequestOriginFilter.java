package io.dashtam.platform.http;

import io.dashtam.core.RequestOrigin;
import io.dashtam.platform.runtime.ConfigurationProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records who is calling. {@code X-Forwarded-For} is believed only when the socket peer is a configured trusted
 * proxy; then the client is the right-most address that is not itself a trusted proxy.
 */
class RequestOriginFilter extends OncePerRequestFilter {

    private final List<IpAddressMatcher> trustedProxies;

    /** Checks every entry now, so a bad {@code DASHTAM_TRUSTED_PROXIES} stops start-up instead of failing requests. */
    RequestOriginFilter(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(RequestOriginFilter::matcher).toList();
    }

    static IpAddressMatcher matcher(String spec) {
        String[] parts = spec.split("/", -1);
        if (parts.length > 2 || !isIpLiteral(parts[0]) || parts.length == 2 && !parts[1].matches("\\d{1,3}")) {
            throw new ConfigurationProblem("DASHTAM_TRUSTED_PROXIES", "not an IP address or CIDR: " + spec);
        }
        try {
            IpAddressMatcher matcher = new IpAddressMatcher(spec);
            int bits = InetAddress.getByName(parts[0]).getAddress().length * 8; // a literal: no DNS lookup
            if (parts.length == 2 && Integer.parseInt(parts[1]) > bits) {
                throw new IllegalArgumentException("prefix longer than the address");
            }
            return matcher;
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new ConfigurationProblem("DASHTAM_TRUSTED_PROXIES", "not an IP address or CIDR: " + spec);
        }
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
        if (!isIpLiteral(address)) {
            return false; // never hand a host name to the matcher: it would look it up
        }
        try {
            return trustedProxies.stream().anyMatch(m -> m.matches(address));
        } catch (IllegalArgumentException e) {
            return false; // hex digits and colons that are not an address
        }
    }

    private static boolean isIpLiteral(String s) {
        return s.matches("[0-9a-fA-F:.]+");
    }
}
