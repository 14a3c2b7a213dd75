package io.dashtam.platform.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresStartupTest {

    @Test
    void aFailedStartSurfacesItsOwnErrorToWhoeverWaits() {
        var startup = new EmbeddedPostgresStartup(() -> {
            throw new IOException("initdb failed: disk full");
        });

        assertThatThrownBy(startup::await).isInstanceOf(IOException.class).hasMessage("initdb failed: disk full");
        assertThatThrownBy(startup::await).as("every waiter sees it").hasMessage("initdb failed: disk full");
    }

    @Test
    void runtimeFailuresKeepTheirType() {
        var startup = new EmbeddedPostgresStartup(() -> {
            throw new IllegalStateException("port taken");
        });

        assertThatThrownBy(startup::await).isInstanceOf(IllegalStateException.class).hasMessage("port taken");
    }

    @Test
    void closingAfterAFailedStartHasNothingToStop() throws Exception {
        var startup = new EmbeddedPostgresStartup(() -> {
            throw new IOException("no binaries");
        });
        assertThatThrownBy(startup::await).isInstanceOf(IOException.class);

        assertThatCode(startup::close).doesNotThrowAnyException();
    }
}
