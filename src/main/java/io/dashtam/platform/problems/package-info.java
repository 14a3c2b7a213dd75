/**
 * problem+json for every refusal: domain exceptions mapped once for the API, MVC's own errors, Spring Security's,
 * and what Tomcat answers before any servlet runs.
 */
package io.dashtam.platform.problems;
