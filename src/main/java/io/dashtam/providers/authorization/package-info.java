/**
 * Authorization of a connection: the OAuth2 flow (state, PKCE, callback listener), pasted credentials, grants and
 * their refresh claims, the encrypted token vault, key rotation, deadline reminders, and their REST adapters.
 */
package io.dashtam.providers.authorization;
