/**
 * Users, passwords, sessions and access tokens: who is calling, proven on every request. Use cases:
 * {@link io.dashtam.users.AccountService} (sign-up, profile, verification, passwords),
 * {@link io.dashtam.users.SessionService} (sign-in for API clients and browsers, sessions),
 * {@link io.dashtam.users.AdminService} and {@link io.dashtam.users.RegistrationSetting} (administration).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "audit", "providers", "portfolio"})
package io.dashtam.users;
