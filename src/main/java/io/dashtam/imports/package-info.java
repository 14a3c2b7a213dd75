/**
 * File import into a file-type connection: OFX/QFX (deduplicated on FITID) and CSV with a column mapping
 * (deduplicated on a content hash), with a preview that stores nothing.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "portfolio", "providers"})
package io.dashtam.imports;
