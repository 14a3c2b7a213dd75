/**
 * The HTTP edge: the servlet filters in front of both security chains (trace id, request origin, sanity, body size,
 * admission, bearer tokens), Tomcat's valves and connectors, health and the API index.
 */
package io.dashtam.platform.http;
