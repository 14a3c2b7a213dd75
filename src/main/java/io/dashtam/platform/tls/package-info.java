/** HTTPS only: the local certificate authority that issues the server certificate when none is configured. */
package io.dashtam.platform.tls;
