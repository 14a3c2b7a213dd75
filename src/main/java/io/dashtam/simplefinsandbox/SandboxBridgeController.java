package io.dashtam.simplefinsandbox;

import io.dashtam.core.ForbiddenException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.PublicAddress;
import io.dashtam.core.PublicEndpoints;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox bridge, speaking the SimpleFIN protocol under {@code /simplefin-sandbox}: {@code POST
 * /setup-tokens} hands out a setup token (what the real Bridge's "create" page does), {@code POST /claim/{token}}
 * answers the access URL once and 403 afterwards, {@code GET /bridge/accounts} needs that URL's Basic credentials
 * (403 otherwise) and {@code DELETE /bridge/access} withdraws them, as disabling an app at the Bridge does.
 */
@RestController
@RequestMapping("/simplefin-sandbox")
@ConditionalOnProperty(name = "dashtam.simplefin-sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxBridgeController {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The bridge authenticates its own callers (claim token, Basic credentials), never with Dashtam's tokens. */
    @Component
    @ConditionalOnProperty(name = "dashtam.simplefin-sandbox.enabled", havingValue = "true", matchIfMissing = true)
    static class SandboxBridgePaths implements PublicEndpoints {
        @Override
        public List<String> patterns() {
            return List.of("/simplefin-sandbox/**");
        }
    }

    private final SandboxBridgeAccess access;
    private final PublicAddress app;
    private final Clock clock;

    SandboxBridgeController(SandboxBridgeAccess access, PublicAddress app, Clock clock) {
        this.access = access;
        this.app = app;
        this.clock = clock;
    }

    record SetupToken(String setupToken, String claimUrl) {
    }

    @PostMapping("/setup-tokens")
    ResponseEntity<SetupToken> setupToken() {
        String token = random(24);
        access.issue(token, clock.instant());
        String claim = app.base() + "/simplefin-sandbox/claim/" + token;
        return ResponseEntity.status(HttpStatus.CREATED).body(new SetupToken(
                Base64.getEncoder().encodeToString(claim.getBytes(StandardCharsets.UTF_8)), claim));
    }

    @PostMapping("/claim/{token}")
    ResponseEntity<String> claim(@PathVariable String token) {
        String user = "sfin-" + random(8);
        String password = random(24);
        if (token.length() > 100 || !access.claim(token, user, password, clock.instant())) {
            throw new ForbiddenException("This setup token was already claimed or never existed");
        }
        String base = app.base();
        int scheme = base.indexOf("://") + 3;
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(base.substring(0, scheme) + user + ":"
                + password + "@" + base.substring(scheme) + "/simplefin-sandbox/bridge");
    }

    @GetMapping("/bridge/info")
    Map<String, Object> info() {
        return Map.of("versions", List.of("1.0"));
    }

    @GetMapping("/bridge/accounts")
    Map<String, Object> accounts(@RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(name = "start-date", required = false) String startDate,
            @RequestParam(name = "end-date", required = false) String endDate,
            @RequestParam(name = "pending", required = false) String pending,
            @RequestParam(name = "balances-only", required = false) String balancesOnly,
            @RequestParam(name = "account", required = false) List<String> only) {
        authenticate(authorization);
        Instant now = clock.instant();
        long start = epoch("start-date", startDate, 0);
        long end = epoch("end-date", endDate, Long.MAX_VALUE);
        String currency = app.base() + "/simplefin-sandbox/currencies/points";
        List<Map<String, Object>> accounts = SandboxBridgeData.ACCOUNTS.stream()
                .filter(a -> only == null || only.contains(a.id()))
                .map(a -> SandboxBridgeData.accountJson(a, currency, now, start, "1".equals(balancesOnly) ? start
                        : end, "1".equals(pending)))
                .toList();
        return Map.of("errors", List.of(), "accounts", accounts);
    }

    @DeleteMapping("/bridge/access")
    ResponseEntity<Void> revoke(@RequestHeader(name = "Authorization", required = false) String authorization) {
        access.revoke(authenticate(authorization), clock.instant());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/currencies/points")
    Map<String, String> points() {
        return Map.of("name", "Sandbox Travel Points", "abbr", "PTS");
    }

    private String authenticate(String authorization) {
        Optional<String> user = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    user = access.authenticate(pair.substring(0, colon), pair.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                user = Optional.empty();
            }
        }
        return user.orElseThrow(() -> new ForbiddenException("Authentication failed"));
    }

    private static long epoch(String name, String value, long otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        if (!value.matches("\\d{1,12}")) {
            throw InvalidInputException.field(name, "must be epoch seconds");
        }
        return Long.parseLong(value);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
