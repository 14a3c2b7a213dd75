/**
 * Outbound calls to providers: HTTP clients with TLS checks, retry with backoff, the per-provider rate limiter and
 * admissions, and each connection's request budget.
 */
package io.dashtam.providers.outbound;
