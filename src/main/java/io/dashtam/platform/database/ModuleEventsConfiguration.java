package io.dashtam.platform.database;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * Where an {@code @ApplicationModuleListener} runs: on the publishing thread, right after its transaction
 * committed, in a transaction of its own. Reactions then happen in the order the changes committed and are done when
 * the request or job that caused them returns, with no second thread pool on a two-core host; the event publication
 * registry still records each one before the commit, so a crash in between loses nothing (it is resubmitted at
 * start-up), and a listener's failure is logged and leaves its publication incomplete without failing the caller.
 */
@Configuration(proxyBeanMethods = false)
class ModuleEventsConfiguration implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ModuleEventsConfiguration.class);

    @Override
    public Executor getAsyncExecutor() {
        return new SyncTaskExecutor();
    }

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return (error, method, params) -> log.warn("{}.{} failed; its event publication stays incomplete: {}",
                method.getDeclaringClass().getSimpleName(), method.getName(), error.toString());
    }
}
