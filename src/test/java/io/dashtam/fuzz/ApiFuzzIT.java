package io.dashtam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.RawHttps;
import io.dashtam.testing.TestTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The project's own fuzzer (issue 11): hostile requests generated from the live OpenAPI document, for every
 * operation, sent as raw bytes over TLS. Every answer must be below 500, carry the security headers, name no Java
 * class or package, be problem+json when it is an error under /api, and another user's ids must always be 404.
 * Seeded: {@code -Ddashtam.fuzz.seed=N} replays a run (the seed is printed, and named in every failure);
 * {@code -Ddashtam.fuzz.requests=N} sets the request count (default 2,400).
 */
class ApiFuzzIT extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ApiFuzzIT.class);
    private static final int MIN_REQUESTS = 2_000;
    private static final Pattern JAVA_NAMES = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|org\\.springframework|org\\.apache|org\\.postgresql|tools\\.jackson"
                    + "|com\\.fasterxml|io\\.dashtam)\\.[a-zA-Z]|\\[L[a-z]+\\.|\\w+Exception\\b|\\tat ");
    private static final List<String> SECURITY_HEADERS = List.of("Strict-Transport-Security",
            "X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy");

    @Test
    void hostileRequestsGetCleanFourHundreds() throws IOException {
        long seed = Long.getLong("dashtam.fuzz.seed", new SecureRandom().nextLong());
        int target = Math.max(MIN_REQUESTS, Integer.getInteger("dashtam.fuzz.requests", 2_400));
        System.out.println("ApiFuzzIT seed " + seed + " (replay with -Ddashtam.fuzz.seed=" + seed + ")");

        long setupStarted = System.nanoTime();
        var doc = api().get("/docs/openapi").json();
        List<ApiOperation> operations = ApiOperation.read(doc);
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(30);
        assertThat(operations).noneMatch(o -> o.path().equals("/error"));

        // An expired token first, then the clock moves on and the two users of the run sign in.
        Caller expiredUser = newUser();
        clock.advance(Duration.ofMinutes(20));
        Caller victim = newUser();
        Caller attacker = newUser();
        // Requests that can end the caller's sessions go out as a third user, so the attacker's token stays valid.
        Caller burner = newUser();
        String burnerToken = burner.accessToken();
        boolean burnerDead = false;
        int burnerRequests = 0;
        Map<String, List<CrossUserFixture.Request>> foreign = new HashMap<>();
        Set<String> victimIds = new HashSet<>(Set.of(victim.userId(), victim.email()));
        Map<String, Map<String, String>> ownPathValues = new HashMap<>();
        for (CrossUserFixture fixture : fixtures()) {
            fixture.requests(victim, api()).forEach((key, request) -> {
                victimIds.addAll(request.ownedIds());
                victimIds.addAll(pathValues(key, request.path()).values());
                if (request.kind() == CrossUserFixture.Request.Kind.SINGLE) {
                    foreign.computeIfAbsent(key, k -> new ArrayList<>()).add(request);
                }
            });
            fixture.requests(attacker, api()).forEach((key, request) -> ownPathValues
                    .computeIfAbsent(key.substring(key.indexOf(' ') + 1), k -> new HashMap<>())
                    .putAll(pathValues(key, request.path())));
        }
        victimIds.removeIf(id -> id == null || id.length() < 8);
        String attackerToken = login(attacker);
        var token = new java.util.concurrent.atomic.AtomicReference<>(attackerToken);
        var context = new HostileRequests.Context(token, badAuthorizations(attackerToken, attacker, victim,
                expiredUser), ownPathValues, foreign);
        var requests = new HostileRequests(new Random(seed), context);
        long setupSeconds = Duration.ofNanos(System.nanoTime() - setupStarted).toSeconds();

        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Long> millisByKind = new TreeMap<>();
        int logins = 0;
        Map<String, Integer> sessionEnders = new TreeMap<>();
        String previous = "";
        List<String> failures = new ArrayList<>();
        int sent = 0;
        long started = System.nanoTime();
        try (var http = new RawHttps(TestTls.instance().sslContext(), port)) {
            while (sent < target) {
                for (ApiOperation op : operations) {
                    if (sent % 10 == 0) {
                        // Rate limits and lockouts would answer 429 to everything: clear them to reach the handlers.
                        jdbc.sql("DELETE FROM rate_limit_counters").update();
                        jdbc.sql("DELETE FROM login_lockouts").update();
                    }
                    FuzzRequest request = requests.next(op);
                    if (!request.foreign() && endsSessions(request)) {
                        if (burnerDead && ++burnerRequests % 5 == 0) {
                            burnerToken = login(burner); // now and then, so the success path is reached again
                            burnerDead = false;
                            logins++;
                        }
                        request = request.withToken(token.get(), burnerToken);
                    }
                    long one = System.nanoTime();
                    RawHttps.Response response;
                    try {
                        response = http.exchange(request.method(), request.head(port), request.body());
                    } catch (IOException e) {
                        failures.add("no answer (" + e.getMessage() + "): " + request.describe());
                        sent++;
                        continue;
                    }
                    sent++;
                    millisByKind.merge(request.kind(), (System.nanoTime() - one) / 1_000_000, Long::sum);
                    statuses.merge(response.status(), 1, Integer::sum);
                    kinds.merge(request.kind(), 1, Integer::sum);
                    check(request, response, victimIds, failures);
                    previous = request.kind() + " " + request.method() + " " + request.operation();
                    if (response.status() == 401 && request.headers().contains("Authorization: Bearer " + burnerToken)) {
                        burnerDead = true;
                    }
                    if (response.status() == 401 && request.headers().contains("Authorization: Bearer " + token.get())
                            && api().as(token.get()).get("/api/v1/users/me").status() == 401) {
                        // (the sandbox's own APIs and the refresh endpoint refuse our token by design: not a sign-out)
                        token.set(login(attacker)); // the run ended the attacker's own session: sign in again
                        logins++;
                        sessionEnders.merge(previous, 1, Integer::sum);
                    }
                }
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.println("ApiFuzzIT milliseconds by kind " + millisByKind + "; set-up " + setupSeconds
                + " s; sign-ins again " + logins + " after " + sessionEnders);
        String summary = "ApiFuzzIT seed " + seed + ": " + sent + " requests over " + operations.size()
                + " operations in " + seconds + " s; statuses " + statuses + "; kinds " + kinds;
        System.out.println(summary);
        log.info(summary);

        // Nothing the attacker sent touched the victim.
        assertThat(victim.client().get("/api/v1/users/me").status()).as("victim's session survived").isEqualTo(200);
        assertThat(failures).as("seed %d (replay with -Ddashtam.fuzz.seed=%d), %d failures; first ones", seed, seed,
                failures.size()).isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(statuses.keySet()).as("the run reached the handlers, not only the edge")
                .contains(200, 400, 401, 404, 422);
    }

    /** Ending sessions, or changing the password (which ends the others). */
    private static boolean endsSessions(FuzzRequest request) {
        String path = request.target().split("\\?")[0];
        return path.equals("/api/v1/sessions") || path.startsWith("/api/v1/sessions/")
                || path.startsWith("/api/v1/users/me/password");
    }

    private static void check(FuzzRequest request, RawHttps.Response response, Set<String> victimIds,
            List<String> failures) {
        int status = response.status();
        String body = response.text();
        String where = status + " for " + request.describe();
        if (failures.size() > 40) {
            return;
        }
        if (status >= 500) {
            failures.add("5xx: " + where + " -> " + cut(body));
        }
        for (String header : SECURITY_HEADERS) {
            if (response.header(header) == null) {
                failures.add("no " + header + ": " + where);
            }
        }
        if (JAVA_NAMES.matcher(body).find()) {
            failures.add("Java name in body: " + where + " -> " + cut(body));
        }
        if (request.underApi() && status >= 400 && !request.method().equals("HEAD")) {
            String type = response.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                failures.add("not problem+json (" + type + "): " + where + " -> " + cut(body));
            } else {
                try {
                    var problem = io.dashtam.testing.TestClient.JSON.readTree(body);
                    if (problem.path("status").asInt() != status || problem.path("title").asString("").isBlank()) {
                        failures.add("problem without matching status/title: " + where + " -> " + cut(body));
                    }
                } catch (RuntimeException e) {
                    failures.add("problem+json that is not JSON: " + where + " -> " + cut(body));
                }
            }
        }
        if (request.foreign() && status != 404) {
            failures.add("another user's id not 404: " + where + " -> " + cut(body));
        }
        if (status / 100 == 2) {
            victimIds.stream().filter(body::contains)
                    .forEach(id -> failures.add("victim's id " + id + " in answer: " + where));
        }
    }

    /** Tokens that must never authenticate: garbage, expired, unsigned, re-signed, refresh tokens, other schemes. */
    private List<String> badAuthorizations(String token, Caller attacker, Caller victim, Caller expired) {
        String[] parts = token.split("\\.");
        var decoder = Base64.getUrlDecoder();
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
        String none = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String asVictim = parts[0] + "." + encoder.encodeToString(payload.replace(attacker.userId(), victim.userId())
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String admin = parts[0] + "." + encoder.encodeToString(payload.replace("\"user\"", "\"admin\"")
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        return List.of("", "Authorization: Bearer garbage", "Authorization: Bearer ", "Authorization: Bearer a.b.c",
                "Authorization: Bearer " + none, "Authorization: Bearer " + asVictim, "Authorization: Bearer " + admin,
                "Authorization: Bearer " + expired.accessToken(), "Authorization: Bearer " + attacker.refreshToken(),
                "Authorization: Basic dXNlcjpwYXNz", "Authorization: Bearer " + "x".repeat(6000),
                "Authorization: Bearer " + token + "x", "Authorization: Bearer " + parts[0] + "." + parts[1],
                "Authorization: Bearer ..", "Authorization: Bearer " + encoder.encodeToString(new byte[300]));
    }

    private String login(Caller who) {
        var login = api().post("/api/v1/sessions", Map.of("email", who.email(), "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(201);
        return login.json().get("accessToken").asString();
    }

    /** {@code {id}} → value, matching "METHOD /a/{id}/b" against the concrete path. */
    private static Map<String, String> pathValues(String key, String path) {
        String pattern = key.substring(key.indexOf(' ') + 1);
        String[] names = pattern.split("/");
        String[] values = path.split("\\?")[0].split("/");
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (names[i].startsWith("{") && names[i].endsWith("}")) {
                out.put(names[i].substring(1, names[i].length() - 1), values[i]);
            }
        }
        return out;
    }

    private static List<CrossUserFixture> fixtures() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(CrossUserFixture.class));
        List<CrossUserFixture> fixtures = new ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("io.dashtam")) {
            try {
                fixtures.add((CrossUserFixture) Class.forName(candidate.getBeanClassName()).getDeclaredConstructor()
                        .newInstance());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot instantiate " + candidate.getBeanClassName(), e);
            }
        }
        fixtures.sort(java.util.Comparator.comparing(f -> f.getClass().getName()));
        return fixtures;
    }

    private static String cut(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }
}
