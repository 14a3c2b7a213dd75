/** Users, passwords, sessions and access tokens: who is calling, proven on every request. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "audit"})
package io.dashtam.users;
