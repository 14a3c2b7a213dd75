package io.dashtam.core;

/**
 * A built-in sandbox (dev and test only) that hands out a paste provider's credential, e.g. a SimpleFIN setup token
 * from the sandbox bridge: behind the connection page's "get a sandbox token" button. Implemented by the sandbox's
 * module only while it is enabled.
 */
public interface SandboxCredentials {

    /** The provider key the credential is for. */
    String provider();

    /** A new credential, valid until pasted once. */
    Secret issue();
}
