package io.dashtam.platform.http;

import io.dashtam.core.AccessTokenVerifier;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.UnauthenticatedException;
import io.dashtam.platform.problems.DomainProblems;
import io.dashtam.platform.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} requests with the users module's verifier. A token that is
 * present but bad is answered 401 at once, a read-only one used to write 403; a request without one goes on and
 * meets the authorization rules.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final AccessTokenVerifier verifier;

    BearerTokenFilter(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        AuthenticatedUser user;
        try {
            user = verifier.verify(header.substring(7).trim(), request.getMethod());
        } catch (UnauthenticatedException e) {
            Problems.write(request, response, DomainProblems.status(e), DomainProblems.title(e), e.getMessage(),
                    Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            return;
        } catch (ForbiddenException e) { // a read-only token used to write
            Problems.write(request, response, DomainProblems.status(e), DomainProblems.title(e), e.getMessage(),
                    Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"write\""));
            return;
        }
        var authorities = user.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.toUpperCase()))
                .toList();
        var authentication = new UsernamePasswordAuthenticationToken(user, null, authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
