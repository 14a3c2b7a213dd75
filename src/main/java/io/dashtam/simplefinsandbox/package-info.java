/**
 * A built-in SimpleFIN bridge for dev, test and ci (off in staging and prod): hands out setup tokens, lets each be
 * claimed once for an access URL, and serves a few sample banks' accounts over the app's own HTTPS. Nothing
 * depends on it; Dashtam's SimpleFIN adapter reaches it only through the URLs in the setup token.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core"})
package io.dashtam.simplefinsandbox;
