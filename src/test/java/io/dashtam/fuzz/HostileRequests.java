package io.dashtam.fuzz;

import io.dashtam.testing.CrossUserFixture;
import io.dashtam.testing.TestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Builds hostile variants of an operation from its OpenAPI description. Every choice comes from one seeded
 * {@link Random}, so a seed replays the same sequence of request shapes.
 */
final class HostileRequests {

    /** What the generator knows about the two users: the attacker's token and ids, and the victim's requests. */
    record Context(java.util.concurrent.atomic.AtomicReference<String> token, List<String> badAuthorizations, Map<String, Map<String, String>> ownPathValues,
            Map<String, List<CrossUserFixture.Request>> foreignRequests) {
    }

    private static final String SURROGATE = "__LONE_SURROGATE__";
    private static final String BAD_UTF8 = "__BAD_UTF8__";

    static final List<String> KINDS = List.of("baseline", "foreign-id", "malformed-body", "wrong-type",
            "hostile-string", "bad-query", "raw-query", "content-type", "accept", "token", "path", "method",
            "protocol");

    private static final List<String> HOSTILE_STRINGS = List.of("\u0000", "a\u0000b", "\u0001\u0002\u001f\u007f",
            SURROGATE, BAD_UTF8, "\u202Eevil\u202C", "\uD83D\uDE00\uD83D\uDE00", "' OR 1=1 --", "\"; DROP TABLE users; --",
            "../../../../etc/passwd", "<script>alert(1)</script>", "%00", "%zz", "${jndi:ldap://x}", "{{7*7}}",
            "\r\nSet-Cookie: x=y", "", " ", "\t\n", "null", "-1", "9".repeat(400), "é".repeat(3000),
            "x".repeat(70_000));
    private static final List<String> BAD_DATES = List.of("-999999999-01-01", "+999999999-12-31", "-4713-11-24",
            "0000-01-01", "10000-01-01", "2024-02-30", "2024-13-01", "9999-99-99", "today", "", "2024-01-01T00:00:00Z",
            "20240101", "1e9", "%00");
    private static final List<String> BAD_NUMBERS = List.of("-1", "0", "501", "2147483648", "-2147483649",
            "99999999999999999999", "1e3", "1.5", "abc", "", "NaN", "0x10", "\u0663", "%00");
    private static final List<String> RAW_QUERIES = List.of("%zz", "=", "%", "a=%", "a=%zz", "%00=1", "a=%00",
            "a=%FF", "%FF=1", "a=%E2%82", "&&&", "a&b&c", "a==b", "%01=x", "a=%0D%0Ax", "x=" + "y".repeat(6000),
            "%u0041=1", "a[]=1&a[]=2", "a.b.c=1");
    private static final List<String> CONTENT_TYPES = List.of("*/*", "application/*", "text/plain", "application/xml",
            "application/json;charset=bogus", "application/json; charset=\"utf-8\"", "application/json; charset=utf-16",
            "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded", "application/json;;;", ";",
            "application/problem+json", "text/html", "application", "application/json; charset=\u00ff",
            "application/octet-stream");
    private static final List<String> ACCEPTS = List.of("image/png", "application/xml", "*/*;q=abc", "text/html",
            "application/json;q=0", ";;;", "application/problem+json", "*/*", "text/*", "application/json, image/*;q=0.1",
            "a/b/c", "\u00ff");
    private static final List<String> BAD_PATH_VALUES = List.of("not-a-uuid", "%00", "..", "%2e%2e", "%2F", "%5C",
            "a;b=c", "00000000-0000-0000-0000-000000000000", "\u00e9", "%E2%82", "x".repeat(3000), "-1", "%20",
            "{id}", "*");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD",
            "TRACE", "FOO", "get", "CONNECT", "PROPFIND");

    private final Random random;
    private final Context context;

    HostileRequests(Random random, Context context) {
        this.random = random;
        this.context = context;
    }

    FuzzRequest next(ApiOperation op) {
        String kind = KINDS.get(random.nextInt(KINDS.size()));
        return switch (kind) {
            case "foreign-id" -> foreign(op);
            case "malformed-body" -> op.bodyType() == null ? badQuery(op) : malformedBody(op);
            case "wrong-type" -> op.bodySchema() == null ? badQuery(op) : wrongType(op);
            case "hostile-string" -> hostileString(op);
            case "bad-query" -> badQuery(op);
            case "raw-query" -> rawQuery(op);
            case "content-type" -> contentType(op);
            case "accept" -> accept(op);
            case "token" -> token(op);
            case "path" -> badPath(op);
            case "method" -> method(op);
            case "protocol" -> protocol(op);
            default -> baseline(op, "baseline");
        };
    }

    // --- the variants -------------------------------------------------------------------------------------------

    private FuzzRequest baseline(ApiOperation op, String kind) {
        return build(kind, op, op.method(), path(op, null), query(op, null, null), auth(), accept("application/json"),
                body(op, null, null));
    }

    /** The victim's own request, replayed by the attacker: always 404. */
    private FuzzRequest foreign(ApiOperation op) {
        var requests = context.foreignRequests().get(op.key());
        if (requests == null || requests.isEmpty()) {
            return badPath(op);
        }
        var r = requests.get(random.nextInt(requests.size()));
        List<String> headers = new ArrayList<>(List.of(auth(), pick(List.of("Accept: application/json",
                "Accept: */*", "Accept: application/json, application/problem+json"))));
        byte[] body = null;
        if (r.body() != null) {
            headers.add("Content-Type: application/json");
            body = r.body().getBytes(StandardCharsets.UTF_8);
        } else if (!List.of("GET", "DELETE", "HEAD").contains(r.method())) {
            headers.add("Content-Type: application/json");
            body = "{}".getBytes(StandardCharsets.UTF_8);
        }
        return new FuzzRequest("foreign-id", op.key(), r.method(), r.path(), headers, body, true);
    }

    private FuzzRequest malformedBody(ApiOperation op) {
        String valid = json(sample(op.bodySchema(), 0, null, null));
        String body = switch (random.nextInt(12)) {
            case 0 -> valid.substring(0, Math.max(1, valid.length() / 2));
            case 1 -> "{";
            case 2 -> "[" .repeat(5000) + "]".repeat(5000);
            case 3 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 4 -> "null";
            case 5 -> "[]";
            case 6 -> "\"just a string\"";
            case 7 -> "1e999999999";
            case 8 -> "\uFEFF" + valid;
            case 9 -> valid.replaceFirst(":", ":: ");
            case 10 -> "{\"x\":1,\"x\":2}" + valid;
            default -> valid + "}garbage";
        };
        byte[] bytes = random.nextInt(8) == 0 ? randomBytes(200) : body.getBytes(StandardCharsets.UTF_8);
        return build("malformed-body", op, op.method(), path(op, null), query(op, null, null), auth(),
                contentTypeHeader(op), bytes);
    }

    private FuzzRequest wrongType(ApiOperation op) {
        Object wrong = pick(List.of(12345, -1, 1.5e308, true, List.of(1, 2), Map.of("nested", Map.of("x", 1)),
                "string", List.of(), Map.of()));
        String field = pickField(op.bodySchema());
        return build("wrong-type", op, op.method(), path(op, null), query(op, null, null), auth(),
                contentTypeHeader(op), field == null ? json(wrong).getBytes(StandardCharsets.UTF_8)
                        : body(op, field, wrong));
    }

    private FuzzRequest hostileString(ApiOperation op) {
        String value = pick(HOSTILE_STRINGS);
        var stringParams = op.params().stream().filter(p -> p.in().equals("query")).toList();
        if (op.bodySchema() != null && (stringParams.isEmpty() || random.nextBoolean())) {
            String field = pickField(op.bodySchema());
            return build("hostile-string", op, op.method(), path(op, null), query(op, null, null), auth(),
                    contentTypeHeader(op), body(op, field, value));
        }
        String name = stringParams.isEmpty() ? "q" : pick(stringParams).name();
        return build("hostile-string", op, op.method(), path(op, null), query(op, name, encode(rawText(value))),
                auth(), accept("application/json"), body(op, null, null));
    }

    private FuzzRequest badQuery(ApiOperation op) {
        var params = op.in("query");
        String name;
        String value;
        if (params.isEmpty()) {
            name = pick(List.of("limit", "from", "cursor", "accountId", "unknown"));
            value = pick(BAD_NUMBERS);
        } else {
            var p = pick(params);
            name = p.name();
            value = "date".equals(p.format()) ? pick(BAD_DATES)
                    : "integer".equals(p.type()) ? pick(BAD_NUMBERS)
                    : "uuid".equals(p.format()) ? pick(BAD_PATH_VALUES)
                    : name.equals("cursor") ? badCursor()
                    : random.nextBoolean() ? pick(BAD_DATES) : pick(BAD_NUMBERS);
        }
        String encoded = value.startsWith("%") ? value : encode(value);
        String query = query(op, name, encoded);
        if (random.nextInt(5) == 0) {
            query = query + (query.isEmpty() ? "" : "&") + name + "=" + encode(pick(BAD_NUMBERS)); // repeated
        }
        return build("bad-query", op, op.method(), path(op, null), query, auth(), accept("application/json"),
                body(op, null, null));
    }

    private FuzzRequest rawQuery(ApiOperation op) {
        String base = query(op, null, null);
        String raw = pick(RAW_QUERIES);
        return build("raw-query", op, op.method(), path(op, null), base.isEmpty() ? raw : base + "&" + raw, auth(),
                accept("application/json"), body(op, null, null));
    }

    private FuzzRequest contentType(ApiOperation op) {
        String type = pick(CONTENT_TYPES);
        byte[] body = op.bodySchema() != null ? body(op, null, null) : "{}".getBytes(StandardCharsets.UTF_8);
        return build("content-type", op, op.method(), path(op, null), query(op, null, null), auth(),
                "Content-Type: " + type, body);
    }

    private FuzzRequest accept(ApiOperation op) {
        return build("accept", op, op.method(), path(op, null), query(op, null, null), auth(),
                accept(pick(ACCEPTS)), body(op, null, null));
    }

    private FuzzRequest token(ApiOperation op) {
        String authorization = pick(context.badAuthorizations());
        return build("token", op, op.method(), path(op, null), query(op, null, null), authorization,
                accept("application/json"), body(op, null, null));
    }

    private FuzzRequest badPath(ApiOperation op) {
        var pathParams = op.in("path");
        if (pathParams.isEmpty()) {
            String target = op.path() + (op.path().endsWith("/") ? "" : "/") + pick(BAD_PATH_VALUES);
            return build("path", op, op.method(), target, "", auth(), accept("application/json"), body(op, null, null));
        }
        String value = random.nextInt(3) == 0 ? UUID.randomUUID().toString() : pick(BAD_PATH_VALUES);
        return build("path", op, op.method(), path(op, Map.entry(pick(pathParams).name(), value)),
                query(op, null, null), auth(), accept("application/json"), body(op, null, null));
    }

    private FuzzRequest method(ApiOperation op) {
        String method = pick(METHODS);
        return build("method", op, method, path(op, null), query(op, null, null), auth(), accept("application/json"),
                method.equals("GET") || method.equals("HEAD") ? null : body(op, null, null));
    }

    /** Requests Tomcat itself refuses: answered by the error report valve. */
    private FuzzRequest protocol(ApiOperation op) {
        String target = path(op, null);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        List<String> headers = new ArrayList<>(List.of(auth(), "Content-Type: application/json"));
        switch (random.nextInt(7)) {
            case 0 -> headers.addAll(List.of("Content-Length: 2", "Content-Length: 3"));
            case 1 -> headers.addAll(List.of("Content-Length: 2", "Transfer-Encoding: chunked"));
            case 2 -> headers.add("X-Fuzz: a\u0000b");
            case 3 -> headers.add("X-Fuzz: " + "x".repeat(20_000));
            case 4 -> target = target + "%5C";
            case 5 -> headers.add("Host: evil.example");
            default -> target = target + "?" + "a".repeat(20_000);
        }
        var request = new FuzzRequest("protocol", op.key(), op.method(), target, headers, body, false);
        return request;
    }

    // --- building blocks ----------------------------------------------------------------------------------------

    private FuzzRequest build(String kind, ApiOperation op, String method, String path, String query,
            String authorization, String typeOrAccept, byte[] body) {
        List<String> headers = new ArrayList<>();
        headers.add(authorization);
        if (typeOrAccept.startsWith("Accept:")) {
            headers.add(typeOrAccept);
            if (body != null) {
                headers.add("Content-Type: " + (op.bodyType() == null ? "application/json" : op.bodyType()));
            }
        } else {
            headers.add("Accept: application/json");
            headers.add(typeOrAccept);
        }
        headers.removeIf(String::isEmpty);
        return new FuzzRequest(kind, op.key(), method, path + (query.isEmpty() ? "" : "?" + query), headers, body,
                false);
    }

    private String auth() {
        return "Authorization: Bearer " + context.token().get();
    }

    private static String accept(String value) {
        return "Accept: " + value;
    }

    private String contentTypeHeader(ApiOperation op) {
        return "Content-Type: " + (op.bodyType() == null ? "application/json" : op.bodyType());
    }

    private String path(ApiOperation op, Map.Entry<String, String> override) {
        Map<String, String> own = context.ownPathValues().getOrDefault(op.path(), Map.of());
        StringBuilder out = new StringBuilder();
        for (String segment : op.path().split("/", -1)) {
            if (!out.isEmpty() || !segment.isEmpty()) {
                out.append('/');
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (override != null && override.getKey().equals(name)) {
                    String v = override.getValue();
                    out.append(v.contains("%") ? v : encode(v).replace("+", "%20"));
                } else {
                    out.append(encode(own.getOrDefault(name, UUID.randomUUID().toString())));
                }
            } else {
                out.append(segment);
            }
        }
        return out.isEmpty() ? "/" : out.toString().replace("//", "/");
    }

    /** The declared query parameters with plausible values, one of them replaced when {@code name} is given. */
    private String query(ApiOperation op, String name, String encodedValue) {
        Map<String, String> values = new LinkedHashMap<>();
        for (var p : op.in("query")) {
            if ("object".equals(p.type()) || (!p.required() && random.nextInt(3) == 0)) {
                continue;
            }
            values.put(p.name(), encode(plausible(p)));
        }
        if (name != null) {
            values.put(name, encodedValue);
        }
        return String.join("&", values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + e.getValue()).toList());
    }

    private String plausible(ApiOperation.Param p) {
        if ("date".equals(p.format())) {
            return "2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
        }
        if ("uuid".equals(p.format())) {
            return UUID.randomUUID().toString();
        }
        if ("integer".equals(p.type())) {
            return String.valueOf(1 + random.nextInt(100));
        }
        if ("boolean".equals(p.type())) {
            return String.valueOf(random.nextBoolean());
        }
        return switch (p.name()) {
            case "status" -> pick(List.of("VALID", "PENDING"));
            case "type" -> pick(List.of("BUY", "SELL", "DIVIDEND"));
            case "symbol" -> pick(List.of("AAPL", "VTI"));
            default -> "x" + random.nextInt(1000);
        };
    }

    private String badCursor() {
        long a = pick(List.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 253_402_300_800_000_000L));
        long b = pick(List.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 1L));
        String text = random.nextInt(4) == 0 ? "garbage:" + random.nextInt() : a + ":" + b;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A body from the schema, with {@code field} set to {@code value} when given. */
    private byte[] body(ApiOperation op, String field, Object value) {
        if (op.bodyType() == null) {
            return null;
        }
        Object sample = sample(op.bodySchema(), 0, field, value);
        if (op.bodyType().contains("x-www-form-urlencoded")) {
            StringBuilder form = new StringBuilder();
            if (sample instanceof Map<?, ?> map) {
                map.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(encode(String.valueOf(k)))
                        .append('=').append(encode(rawText(String.valueOf(v)))));
            }
            if (field != null) {
                form.append(form.isEmpty() ? "" : "&").append(encode(field)).append('=')
                        .append(encode(rawText(String.valueOf(value))));
            }
            return form.toString().getBytes(StandardCharsets.UTF_8);
        }
        String json = json(sample);
        byte[] bytes = json.replace("\"" + SURROGATE + "\"", "\"\\ud800\"").getBytes(StandardCharsets.UTF_8);
        String marker = "\"" + BAD_UTF8 + "\"";
        int at = json.indexOf(marker);
        if (at >= 0) {
            String before = json.substring(0, at);
            String after = json.substring(at + marker.length());
            var out = new java.io.ByteArrayOutputStream();
            out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(new byte[] {'"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"'});
            out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
            bytes = out.toByteArray();
        }
        return bytes;
    }

    private Object sample(JsonNode schema, int depth, String field, Object value) {
        if (schema == null || depth > 4) {
            return "x";
        }
        String type = schema.has("type") ? schema.get("type").asString() : schema.has("properties") ? "object" : "string";
        switch (type) {
            case "object" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                JsonNode properties = schema.get("properties");
                if (properties != null) {
                    for (var p : properties.properties()) {
                        out.put(p.getKey(), p.getKey().equals(field) ? value : sampleNamed(p.getKey(),
                                p.getValue(), depth));
                    }
                }
                return out;
            }
            case "array" -> {
                return List.of(sample(schema.get("items"), depth + 1, field, value));
            }
            case "integer" -> {
                return 1 + random.nextInt(50);
            }
            case "number" -> {
                return new java.math.BigDecimal("12.50");
            }
            case "boolean" -> {
                return random.nextBoolean();
            }
            default -> {
                return sampleString(schema, null);
            }
        }
    }

    private Object sampleNamed(String name, JsonNode schema, int depth) {
        if (schema != null && schema.has("$ref")) {
            return sample(schema, depth + 1, null, null);
        }
        String type = schema == null || !schema.has("type") ? "string" : schema.get("type").asString();
        return type.equals("string") ? sampleString(schema, name) : sample(schema, depth + 1, null, null);
    }

    private String sampleString(JsonNode schema, String name) {
        String format = schema != null && schema.has("format") ? schema.get("format").asString() : "";
        if (schema != null && schema.has("enum")) {
            var values = new ArrayList<String>();
            schema.get("enum").forEach(v -> values.add(v.asString()));
            return pick(values);
        }
        String lower = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
        if (format.equals("uuid") || lower.endsWith("id")) {
            var own = context.ownPathValues().values().stream().flatMap(m -> m.values().stream()).toList();
            return own.isEmpty() || random.nextInt(3) == 0 ? UUID.randomUUID().toString() : pick(own);
        }
        if (format.equals("email") || lower.contains("email")) {
            return "fuzz-" + Integer.toHexString(random.nextInt()) + "@example.org";
        }
        if (lower.contains("password")) {
            return "Fuzz-passphrase-" + Integer.toHexString(random.nextInt()) + "-9";
        }
        if (format.equals("date")) {
            return "2024-03-1" + random.nextInt(10);
        }
        if (format.equals("date-time")) {
            return "2024-03-1" + random.nextInt(10) + "T10:00:00Z";
        }
        return switch (lower) {
            case "provider" -> pick(List.of("sandbox", "file", "schwab", "nope"));
            case "format" -> pick(List.of("ofx", "csv", "qfx"));
            case "currency" -> "USD";
            case "content" -> Base64.getEncoder().encodeToString("Date,Amount\n2024-01-02,-5.00\n".getBytes());
            case "delimiter" -> ",";
            case "grant_type" -> pick(List.of("authorization_code", "refresh_token"));
            default -> "fuzz " + Integer.toHexString(random.nextInt());
        };
    }

    private String pickField(JsonNode schema) {
        JsonNode properties = schema == null ? null : schema.get("properties");
        if (properties == null || properties.propertyNames().isEmpty()) {
            return null;
        }
        return pick(new ArrayList<>(properties.propertyNames()));
    }

    private static String json(Object value) {
        return TestClient.JSON.writeValueAsString(value);
    }

    /** Query and form values cannot carry a lone surrogate or invalid UTF-8 as text: use the raw escapes instead. */
    private static String rawText(String value) {
        return value.equals(SURROGATE) ? "\uFFFD" : value.equals(BAD_UTF8) ? "\u00c3(" : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
