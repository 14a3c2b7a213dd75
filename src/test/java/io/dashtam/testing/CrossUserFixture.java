package io.dashtam.testing;

import java.util.Map;
import java.util.Set;

/**
 * How the cross-user isolation test reaches a module's user-scoped endpoints. Each module's test sources hold one
 * public implementation with a public no-arg constructor (found by classpath scanning under {@code io.dashtam}).
 * The test calls {@link #requests} for user A, then replays every request as user B: single resources must answer
 * 404, lists must hold none of A's ids. A user-scoped request mapping that no fixture covers fails the test.
 * Endpoints that act on the caller itself ({@code /users/me}, logout) are {@link Request#self self-scoped}.
 */
public interface CrossUserFixture {

    /**
     * Creates resources owned by {@code owner} and returns, keyed by {@code "METHOD /pattern"} exactly as the
     * request mapping declares it (e.g. {@code "GET /api/v1/connections/{id}"}), a request aimed at them.
     */
    Map<String, Request> requests(IntegrationTest.Caller owner, TestClient anonymous);

    /**
     * A concrete request. {@code body} is JSON or null. For a list, {@code ownedIds} are ids of the owner's items
     * that must not appear in another user's answer; for a single resource it is empty and 404 is expected. For a
     * self-scoped request, B sends it in a fresh session of its own and must get a 2xx answer holding none of
     * {@code ownedIds} (A's id, email, ...); self-scoped requests run last since they may end B's session.
     */
    record Request(String method, String path, String body, Set<String> ownedIds, Kind kind) {

        /**
         * SELF_REFUSED: self-scoped, refused for want of a proof B cannot hold. FINAL: self-scoped and it ends the
         * caller's account; run after every other request.
         */
        public enum Kind { SINGLE, LIST, SELF, SELF_REFUSED, FINAL }

        public Request {
            ownedIds = Set.copyOf(ownedIds);
        }

        /** As before {@link Kind} existed: a list when it names owned ids, otherwise a single resource. */
        public Request(String method, String path, String body, Set<String> ownedIds) {
            this(method, path, body, ownedIds, ownedIds.isEmpty() ? Kind.SINGLE : Kind.LIST);
        }

        public static Request single(String method, String path, String body) {
            return new Request(method, path, body, Set.of(), Kind.SINGLE);
        }

        public static Request list(String path, Set<String> ownedIds) {
            return new Request("GET", path, null, ownedIds, Kind.LIST);
        }

        /** Acts on the caller only; B's answer must not mention any of {@code ownerMarks}. */
        public static Request self(String method, String path, String body, Set<String> ownerMarks) {
            return new Request(method, path, body, ownerMarks, Kind.SELF);
        }

        /**
         * Acts on the caller only and needs a proof no fixture can hold for B (e.g. the current code of B's own
         * authenticator): B's answer is a 4xx refusal that mentions none of {@code ownerMarks}.
         */
        public static Request selfRefused(String method, String path, String body, Set<String> ownerMarks) {
            return new Request(method, path, body, ownerMarks, Kind.SELF_REFUSED);
        }

        public boolean isList() {
            return kind == Kind.LIST;
        }

        /** Deletes the caller's own account: B sends it last, and A must be untouched afterwards. */
        public static Request ending(String method, String path, String body, Set<String> ownerMarks) {
            return new Request(method, path, body, ownerMarks, Kind.FINAL);
        }

        public boolean isSelf() {
            return kind == Kind.SELF || kind == Kind.SELF_REFUSED || kind == Kind.FINAL;
        }
    }
}
