package io.dashtam.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dashtam.core.ConflictException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RateLimitedException;
import io.dashtam.events.EventSubscriptions;
import io.dashtam.providers.AuthorizationService;
import io.dashtam.providers.ConnectionService;
import io.dashtam.providers.ConnectionView;
import io.dashtam.sync.SyncService;
import io.dashtam.testing.WebSlice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The page adapter alone (no database): forms in, the same use-case services as the API called, and each domain
 * refusal shown once as the page's message with the API's status, never a status code or message text looked at.
 */
@WebMvcTest(controllers = ConnectionPages.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = {"io\\.dashtam\\.web\\.WebSecurity", "io\\.dashtam\\.platform\\.database\\.DatabaseUnavailableHandler"}))
@Import({PageModel.class, Format.class, Words.class})
@WebSlice
class ConnectionPagesSliceTest {

    private static final String ID = "6f3c1c52-8d5e-4a53-9f57-3b7c0a3d2e10";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ConnectionService connections;
    @MockitoBean
    AuthorizationService authorization;
    @MockitoBean
    SyncService syncs;
    @MockitoBean
    EventSubscriptions events;
    @MockitoBean
    io.dashtam.users.ProfileSettings settings;

    private static ConnectionView connection(String alias) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        return new ConnectionView(ID, "sandbox", "brokerage", alias, "active", null, now, null, null, now, now,
                List.of(), null);
    }

    @Test
    void aRenameClashIsTheFormsMessageWithTheApisStatus() throws Exception {
        when(connections.get(WebSlice.ALICE, ID)).thenReturn(connection("Brokerage"));
        when(connections.provider("sandbox")).thenReturn(Optional.empty());
        when(syncs.latest(eq(WebSlice.ALICE), eq(UUID.fromString(ID)))).thenReturn(Optional.empty());
        when(connections.rename(eq(WebSlice.ALICE), eq(ID), any())).thenThrow(
                new ConflictException("You already have a connection named 'Bank'"));
        mvc.perform(post("/app/connections/" + ID + "/rename").param("alias", "Bank")
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("You already have a connection named &#39;Bank&#39;")))
                .andExpect(content().string(containsString("Brokerage")));
    }

    @Test
    void aSyncRefusedForTheProvidersBudgetSaysWhenToRetry() throws Exception {
        when(connections.get(WebSlice.ALICE, ID)).thenReturn(connection("Brokerage"));
        when(connections.provider("sandbox")).thenReturn(Optional.empty());
        when(syncs.latest(eq(WebSlice.ALICE), eq(UUID.fromString(ID)))).thenReturn(Optional.empty());
        when(syncs.start(WebSlice.ALICE, UUID.fromString(ID))).thenThrow(new RateLimitedException(
                "Not synced now: the budget is spent", 120, Map.of("retryAt", "2026-12-01T12:00:00Z")));
        mvc.perform(post("/app/connections/" + ID + "/sync").accept(MediaType.TEXT_HTML))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "120"))
                .andExpect(content().string(containsString("Not synced now: the budget is spent")));
    }

    @Test
    void anotherUsersConnectionIsTheNotFoundPageNotAProblem() throws Exception {
        when(connections.get(WebSlice.ALICE, ID)).thenThrow(new NotFoundException("Connection"));
        mvc.perform(get("/app/connections/" + ID).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("There is nothing here, or it is not yours.")))
                .andExpect(content().string(not(containsString("Connection not found"))));
    }
}
