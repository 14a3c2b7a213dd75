/**
 * A user's data is theirs: the export of everything Dashtam holds about them (a ZIP of JSON and CSV files, written
 * as it streams) and the deletion of their account (password re-entered; every module's rows removed or anonymised
 * in one transaction; sessions ended; an audit entry without personal data kept). Each module contributes its
 * part through {@link io.dashtam.core.PersonalData}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "users", "audit"})
package io.dashtam.privacy;
