/** Dashtam: self-hosted financial data aggregation. One Spring Modulith module per sub-package. */
package io.dashtam;
