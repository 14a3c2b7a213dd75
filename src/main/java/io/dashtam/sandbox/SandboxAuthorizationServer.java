package io.dashtam.sandbox;

import io.dashtam.core.Hashing;
import io.dashtam.core.PublicEndpoints;
import io.dashtam.core.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox brokerage's authorization server, speaking Schwab's protocol: an authorize page (no login: anyone
 * may connect the sample data), and a token endpoint with HTTP Basic client authentication, single-use codes
 * ending in {@code @}, the exact redirect URI, PKCE S256 (required), 30-minute access tokens and a grant that
 * ends 7 days after the authorization. Off unless {@code dashtam.providers.sandbox.enabled}.
 */
@RestController
@ConditionalOnProperty(name = "dashtam.providers.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxAuthorizationServer {

    static final Duration ACCESS_TTL = Duration.ofMinutes(30);
    static final Duration GRANT_TTL = Duration.ofDays(7);
    private static final Duration CODE_TTL = Duration.ofMinutes(2);

    private final SandboxProvider provider;
    private final SandboxGrants grants;
    private final Clock clock;

    SandboxAuthorizationServer(SandboxProvider provider, SandboxGrants grants, Clock clock) {
        this.provider = provider;
        this.grants = grants;
        this.clock = clock;
    }

    @Component
    @ConditionalOnProperty(name = "dashtam.providers.sandbox.enabled", havingValue = "true", matchIfMissing = true)
    static class SandboxAuthorizationPaths implements PublicEndpoints {
        @Override
        public List<String> patterns() {
            return List.of("/sandbox/**");
        }
    }

    @GetMapping("/sandbox/v1/oauth/authorize")
    ResponseEntity<String> authorizePage(@RequestParam Map<String, String> p) {
        String problem = check(p);
        if (problem != null) {
            return page(HttpStatus.BAD_REQUEST, "Sandbox: invalid request", "<p>" + esc(problem) + "</p>", null);
        }
        String hidden = hidden("client_id", p.get("client_id")) + hidden("redirect_uri", p.get("redirect_uri"))
                + hidden("state", p.getOrDefault("state", "")) + hidden("code_challenge", p.get("code_challenge"));
        String body = """
                <p>Dashtam wants read access to the <strong>Sandbox Brokerage</strong> sample accounts (a cash and a
                margin account with positions and a year of transactions). No real money or credentials involved.</p>
                <form method="post" action="/sandbox/v1/oauth/authorize">%s
                <button type="submit" name="decision" value="allow">Allow</button>
                <button type="submit" name="decision" value="deny">Deny</button></form>""".formatted(hidden);
        return page(HttpStatus.OK, "Sandbox Brokerage: authorize Dashtam", body, p.get("redirect_uri"));
    }

    @PostMapping(value = "/sandbox/v1/oauth/authorize", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Transactional
    ResponseEntity<String> decide(@RequestParam Map<String, String> p) {
        Map<String, String> request = new LinkedHashMap<>(p);
        request.put("response_type", "code");
        request.put("code_challenge_method", "S256");
        String problem = check(request);
        if (problem != null) {
            return page(HttpStatus.BAD_REQUEST, "Sandbox: invalid request", "<p>" + esc(problem) + "</p>", null);
        }
        String redirect = p.get("redirect_uri");
        Map<String, String> answer = new LinkedHashMap<>();
        if ("allow".equals(p.get("decision"))) {
            Instant now = clock.instant();
            // Like Schwab's: the code ends in '@', so it travels URL-encoded as %40.
            String code = "SBX." + Hashing.random() + "@";
            grants.issue(code, "code", UUID.randomUUID(), p.get("client_id"), redirect, p.get("code_challenge"),
                    now.plus(CODE_TTL), now);
            answer.put("code", code);
        } else {
            answer.put("error", "access_denied");
        }
        if (p.get("state") != null && !p.get("state").isEmpty()) {
            answer.put("state", p.get("state"));
        }
        StringBuilder query = new StringBuilder();
        answer.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(redirect + "?" + query))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @PostMapping(value = "/sandbox/v1/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Transactional(noRollbackFor = Rejected.class)
    ResponseEntity<Map<String, Object>> token(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @RequestParam Map<String, String> form) {
        try {
            authenticateClient(authorization);
            Instant now = clock.instant();
            return switch (form.getOrDefault("grant_type", "")) {
                case "authorization_code" -> ResponseEntity.ok(exchange(form, now));
                case "refresh_token" -> ResponseEntity.ok(refresh(form, now));
                default -> throw new Rejected(400, "unsupported_grant_type");
            };
        } catch (Rejected e) {
            return ResponseEntity.status(e.status).header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(Map.of("error", e.getMessage()));
        }
    }

    private Map<String, Object> exchange(Map<String, String> form, Instant now) {
        String code = form.getOrDefault("code", "");
        var grant = grants.find(code, "code").orElseThrow(() -> new Rejected(400, "invalid_grant"));
        if (grant.usedAt() != null || !grants.use(code, now)) {
            grants.revokeGrant(grant.grantId(), now);
            throw new Rejected(400, "invalid_grant");
        }
        if (!now.isBefore(grant.expiresAt()) || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            throw new Rejected(400, "invalid_grant");
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")
                || !Hashing.s256(verifier).equals(grant.codeChallenge())) {
            throw new Rejected(400, "invalid_grant");
        }
        String refresh = Hashing.random() + "@";
        grants.issue(refresh, "refresh", grant.grantId(), grant.clientId(), null, null, now.plus(GRANT_TTL), now);
        return tokenResponse(grant.grantId(), grant.clientId(), refresh, now);
    }

    private Map<String, Object> refresh(Map<String, String> form, Instant now) {
        String refresh = form.getOrDefault("refresh_token", "");
        var grant = grants.find(refresh, "refresh").orElseThrow(() -> new Rejected(400, "invalid_grant"));
        if (!now.isBefore(grant.expiresAt())) {
            throw new Rejected(400, "invalid_grant");
        }
        // The refresh token stays the same and its grant keeps its end: refreshing never extends it.
        return tokenResponse(grant.grantId(), grant.clientId(), refresh, now);
    }

    private Map<String, Object> tokenResponse(UUID grantId, String clientId, String refresh, Instant now) {
        String access = "SBXA." + Hashing.random();
        grants.issue(access, "access", grantId, clientId, null, null, now.plus(ACCESS_TTL), now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expires_in", ACCESS_TTL.toSeconds());
        body.put("token_type", "Bearer");
        body.put("scope", "api");
        body.put("refresh_token", refresh);
        body.put("access_token", access);
        body.put("id_token", "SBXI." + Hashing.random());
        return body;
    }

    private void authenticateClient(String authorization) {
        var client = provider.client();
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new Rejected(401, "invalid_client");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Rejected(401, "invalid_client");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(client.clientId()) || colon == decoded.length() - 1
                || !client.clientSecret().matches(new Secret(decoded.substring(colon + 1)))) {
            throw new Rejected(401, "invalid_client");
        }
    }

    /** Why an authorize request is refused, or null. Nothing redirects to a redirect URI we have not checked. */
    private String check(Map<String, String> p) {
        var client = provider.client();
        if (!client.clientId().equals(p.get("client_id"))) {
            return "Unknown client_id.";
        }
        if (!client.redirectUri().equals(p.get("redirect_uri"))) {
            return "redirect_uri does not match the registered one.";
        }
        if (!"code".equals(p.get("response_type"))) {
            return "response_type must be code.";
        }
        String challenge = p.get("code_challenge");
        if (challenge == null || !challenge.matches("[A-Za-z0-9_-]{43}") || !"S256".equals(p.get("code_challenge_method"))) {
            return "PKCE is required: code_challenge with code_challenge_method=S256.";
        }
        return null;
    }

    /** The page's own CSP: the form posts here and the answer redirects to the (checked) redirect URI. */
    private static ResponseEntity<String> page(HttpStatus status, String title, String body, String redirectUri) {
        String formAction = "'self'" + (redirectUri == null ? "" : " " + origin(redirectUri));
        String csp = "default-src 'none'; style-src 'self'; form-action " + formAction
                + "; frame-ancestors 'none'; base-uri 'none'";
        String html = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width"><title>%s</title>
                <link rel="stylesheet" href="/assets/dashtam.css"></head>
                <body class="page"><main><h1>%s</h1>%s</main></body></html>
                """.formatted(esc(title), esc(title), body);
        return ResponseEntity.status(status).header("Content-Security-Policy", csp)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(html);
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value == null ? "" : value) + "\">";
    }

    private static String esc(String s) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(s);
    }

    private static String origin(String uri) {
        URI u = URI.create(uri);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    /** An OAuth error answer ({"error": ...}); the message is the OAuth error code. */
    static final class Rejected extends RuntimeException {
        private final int status;

        Rejected(int status, String error) {
            super(error, null, false, false);
            this.status = status;
        }
    }
}
