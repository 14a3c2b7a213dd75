package io.dashtam.web;

import io.dashtam.users.SessionService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates page requests by the session cookie. {@code __Host-} (Secure, Path=/, no Domain), HttpOnly, and
 * SameSite=Lax rather than Strict: a provider's OAuth redirect back to the app is a cross-site top-level navigation,
 * and under Strict it would arrive signed out. Lax still keeps the cookie off cross-site POSTs, and every
 * state-changing form also carries a CSRF token. A cookie whose session ended is removed, so the next click lands
 * on the sign-in page.
 */
final class SessionCookieFilter extends OncePerRequestFilter {

    static final String COOKIE = "__Host-dashtam-session";
    static final String USER = SessionCookieFilter.class.getName() + ".user";

    private final SessionService accounts;

    SessionCookieFilter(SessionService accounts) {
        this.accounts = accounts;
    }

    static String cookie(String value, long maxAgeSeconds) {
        return ResponseCookie.from(COOKIE, value).path("/").secure(true).httpOnly(true).sameSite("Lax")
                .maxAge(maxAgeSeconds).build().toString();
    }

    static String cookieValue(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** Static files need no user: no session lookup for them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/assets/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = cookieValue(request);
        if (value == null) {
            chain.doFilter(request, response);
            return;
        }
        var user = accounts.authenticate(value).orElse(null);
        if (user == null) {
            response.addHeader(HttpHeaders.SET_COOKIE, cookie("", 0));
            chain.doFilter(request, response);
            return;
        }
        var authorities = user.user().roles().stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.toUpperCase(java.util.Locale.ROOT))).toList();
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(user.user(), null, authorities));
        request.setAttribute(USER, user);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
