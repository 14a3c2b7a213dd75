package io.dashtam;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.PublicEndpoints;
import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.CrossUserFixture.Request;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * No request reaches another user's data. Every {@code /api/v1/**} mapping comes from the app's own handler
 * mapping, so a new endpoint is covered automatically: it is public (declared in a {@link PublicEndpoints}),
 * admin-only (then an ordinary user gets 403), or user-scoped, and then some {@link CrossUserFixture} must know
 * how to aim a request at user A's data, which user B replays. A user-scoped mapping no fixture covers fails.
 */
class CrossUserIsolationIT extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    List<PublicEndpoints> publicEndpoints;

    record Endpoint(String method, String pattern, HandlerMethod handler) {
        String key() {
            return method + " " + pattern;
        }
    }

    private List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        handlerMapping.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/")) {
                    continue;
                }
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint("ANY", pattern, handler));
                }
                methods.forEach(m -> endpoints.add(new Endpoint(m.name(), pattern, handler)));
            }
        });
        return endpoints;
    }

    private boolean isPublic(Endpoint endpoint) {
        return publicEndpoints.stream().flatMap(p -> p.patterns().stream()).anyMatch(spec -> {
            int space = spec.indexOf(' ');
            String method = space < 0 ? null : spec.substring(0, space);
            String pattern = space < 0 ? spec : spec.substring(space + 1).trim();
            return (method == null || method.equals(endpoint.method()))
                    && PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(endpoint.pattern()));
        });
    }

    /** The security filter chain gives everything under this path to admins only. */
    private static boolean isAdminOnly(Endpoint endpoint) {
        return PathPatternParser.defaultInstance.parse("/api/v1/admin/**")
                .matches(PathContainer.parsePath(endpoint.pattern()));
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
        return fixtures;
    }

    private static TestClient.Response send(TestClient client, Request request) {
        return client.send(request.method(), request.path(), request.body() == null ? null : "application/json",
                request.body(), Map.of());
    }

    @Test
    void everyUserScopedEndpointIsIsolatedBetweenUsers() {
        Set<String> userScoped = new TreeSet<>();
        apiEndpoints().stream().filter(e -> !isPublic(e) && !isAdminOnly(e)).forEach(e -> userScoped.add(e.key()));
        assertThat(userScoped).as("the enumeration sees the app's endpoints").contains("GET /api/v1/sessions",
                "GET /api/v1/users/me");

        Caller a = newUser();
        Caller b = newUser();
        Map<String, Request> requests = new TreeMap<>();
        for (CrossUserFixture fixture : fixtures()) {
            fixture.requests(a, api()).forEach((key, request) -> {
                if (requests.put(key, request) != null) {
                    throw new AssertionError("two fixtures cover " + key);
                }
            });
        }
        Set<String> uncovered = new TreeSet<>(userScoped);
        uncovered.removeAll(requests.keySet());
        assertThat(uncovered).as("user-scoped endpoints no CrossUserFixture covers").isEmpty();
        // Entries for mappings that do not exist (yet) are skipped: a mistyped key still leaves its real
        // mapping uncovered, which fails above.
        requests.keySet().retainAll(userScoped);

        List<String> failures = new ArrayList<>();
        requests.forEach((key, request) -> {
            if (request.isSelf()) {
                return;
            }
            var response = send(b.client(), request);
            if (request.isList()) {
                if (response.status() != 200) {
                    failures.add(key + ": list answered " + response.status());
                }
                request.ownedIds().stream().filter(response.body()::contains)
                        .forEach(id -> failures.add(key + ": B's list shows A's " + id));
            } else if (response.status() != 404) {
                failures.add(key + " " + request.path() + ": expected 404 for B, got " + response);
            }
        });
        // One fresh session for B's self-scoped calls, renewed only after a call ended it (logout): a session per
        // call would run into the login rate limit as modules add self-scoped endpoints.
        String[] session = {freshSession(b)};
        List<Map.Entry<String, Request>> selfScoped = new ArrayList<>(requests.entrySet().stream()
                .filter(e -> e.getValue().isSelf()).toList());
        // Whatever ends B's account goes last (B cannot sign in again after it).
        selfScoped.sort(java.util.Comparator.comparing(e -> e.getValue().kind() == Request.Kind.FINAL));
        selfScoped.forEach(entry -> {
            String key = entry.getKey();
            Request request = entry.getValue();
            var response = send(api().as(session[0]), request);
            if (response.status() == 401) {
                session[0] = freshSession(b);
                response = send(api().as(session[0]), request);
            }
            if (request.kind() == Request.Kind.SELF_REFUSED ? response.status() / 100 != 4
                    : response.status() / 100 != 2) {
                failures.add(key + ": self-scoped call answered " + response);
            }
            request.ownedIds().stream().filter(response.body()::contains)
                    .forEach(id -> failures.add(key + ": B's answer shows A's " + id));
        });
        // Nothing B did touched A: A's session works and A's lists still hold A's items.
        assertThat(a.client().get("/api/v1/users/me").status()).as("A's session survived B").isEqualTo(200);
        requests.forEach((key, request) -> {
            if (request.isList()) {
                var own = send(a.client(), request);
                request.ownedIds().stream().filter(id -> !own.body().contains(id))
                        .forEach(id -> failures.add(key + ": A lost " + id + " after B's requests"));
            }
        });
        assertThat(failures).isEmpty();
    }

    private String freshSession(Caller who) {
        var login = api().post("/api/v1/sessions", Map.of("email", who.email(), "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(201);
        return login.json().get("accessToken").asString();
    }

    @Test
    void adminOnlyEndpointsAre403ForOrdinaryUsers() {
        List<Endpoint> adminOnly = apiEndpoints().stream().filter(CrossUserIsolationIT::isAdminOnly).toList();
        assertThat(adminOnly).as("admin endpoints are enumerated").isNotEmpty();
        Caller user = newUser();
        Caller victim = newUser();
        for (Endpoint endpoint : adminOnly) {
            String path = endpoint.pattern().replaceAll("\\{[^}]+}", victim.userId());
            String method = endpoint.method().equals("ANY") ? "GET" : endpoint.method();
            var response = user.client().send(method, path, "application/json", "{}", Map.of());
            assertThat(response.status()).as(endpoint.key()).isEqualTo(403);
        }
        assertThat(victim.client().get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void publicEndpointsAreOnlyTheDeclaredOnes() {
        Set<String> open = new TreeSet<>();
        apiEndpoints().stream().filter(this::isPublic).forEach(e -> open.add(e.key()));
        assertThat(open).contains("POST /api/v1/users", "POST /api/v1/sessions", "POST /api/v1/tokens")
                .doesNotContain("GET /api/v1/sessions", "GET /api/v1/users/me");
        for (String key : open) {
            var response = api().send(key.substring(0, key.indexOf(' ')).replace("ANY", "GET"),
                    key.substring(key.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString()),
                    "application/json", "{}", Map.of());
            assertThat(response.status()).as(key + " answers without a token").isNotEqualTo(401);
        }
    }
}
