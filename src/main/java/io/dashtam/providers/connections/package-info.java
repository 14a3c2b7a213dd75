/**
 * A user's connections: the rows and their states, aliases, the provider registry, warnings, sessions opened on a
 * connection's provider, personal data, and the REST adapters for connections and provider types.
 */
package io.dashtam.providers.connections;
