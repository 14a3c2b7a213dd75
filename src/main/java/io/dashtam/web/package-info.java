/**
 * The web app for people: server-rendered pages (Thymeleaf) under {@code /app}, a cookie session bound to a
 * {@code user_sessions} row, CSRF tokens on every form, a strict CSP (static CSS/JS from {@code /assets} only).
 * Every rule lives in the other modules; pages only call their use-case services (never a REST controller), and
 * map their refusals to messages once ({@code Refusals}).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"core", "users", "providers", "portfolio", "sync", "imports", "events",
            "platform", "insight", "privacy"})
package io.dashtam.web;
