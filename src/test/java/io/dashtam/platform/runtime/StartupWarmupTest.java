package io.dashtam.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.SpringFactoriesLoader;

class StartupWarmupTest {

    @Test
    void warmsUpOnADaemonThreadThatFinishesOnItsOwn() throws InterruptedException {
        Thread thread = StartupWarmup.start();

        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).isEqualTo(StartupWarmup.THREAD_NAME);
        thread.join(30_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void isRegisteredForEveryApplicationStart() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(ApplicationListener.class))
                .hasAtLeastOneElementOfType(StartupWarmup.class);
    }
}
