/**
 * SimpleFIN: bank and card accounts through a SimpleFIN server or the SimpleFIN Bridge. The user pastes a setup
 * token; Dashtam claims it once for an access URL (a credential, sealed like OAuth tokens) and reads
 * {@code /accounts} over HTTPS within the bridge's request budget.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "providers", "portfolio"})
package io.dashtam.simplefin;
