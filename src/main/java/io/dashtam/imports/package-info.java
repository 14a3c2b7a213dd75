/**
 * File import into a file-type connection: OFX/QFX (deduplicated on FITID) and CSV with a column mapping
 * (deduplicated on a content hash), with a preview that stores nothing. Use case:
 * {@link io.dashtam.imports.ImportService}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "portfolio", "providers"})
package io.dashtam.imports;
