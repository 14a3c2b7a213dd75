package io.dashtam.sync;

import org.springframework.context.ApplicationContext;

/** Lets tests outside this package run due syncs now (the suite runs with scheduling off). */
public final class SyncDriver {

    private SyncDriver() {
    }

    public static int runDue(ApplicationContext context) {
        return context.getBean(SyncWorker.class).runDue();
    }
}
