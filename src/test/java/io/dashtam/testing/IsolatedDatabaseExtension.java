package io.dashtam.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before each integration test class: a fresh migrated database behind the shared context's DataSource, and the
 * clock back at real time. Also installs the test environment (test CA certificate, state directory) before any
 * Spring context can start.
 */
public class IsolatedDatabaseExtension implements BeforeAllCallback {

    static {
        TestEnvironment.install();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        SwitchingDataSource.instance().switchToNewDatabase();
        TestEnvironment.CLOCK.reset();
    }
}
