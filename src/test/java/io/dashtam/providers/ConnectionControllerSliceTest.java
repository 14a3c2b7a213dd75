package io.dashtam.providers;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.ConnectionController;
import io.dashtam.testing.WebSlice;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The REST adapter alone (no database): HTTP and JSON in, the use-case service called with the caller and the
 * request, its answer or its domain refusal out as the API has always answered (status, problem+json members).
 */
@WebMvcTest(controllers = ConnectionController.class, excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = {"io\\.dashtam\\.web\\..*", "io\\.dashtam\\.platform\\.database\\.DatabaseUnavailableHandler"}))
@WebSlice
class ConnectionControllerSliceTest {

    private static final AuthenticatedUser ALICE = WebSlice.ALICE;

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ConnectionService connections;

    private static ConnectionView view(String id, String alias) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        return new ConnectionView(id, "file", "file", alias, "active", null, now, null, null, now, now, List.of(),
                null);
    }

    @Test
    void createAnswers201WithTheServicesView() throws Exception {
        String id = UUID.randomUUID().toString();
        when(connections.create(eq(ALICE), eq(new ConnectionService.NewConnection("file", "Bank files"))))
                .thenReturn(view(id, "Bank files"));
        mvc.perform(post("/api/v1/connections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"file\",\"alias\":\"Bank files\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.alias").value("Bank files"))
                .andExpect(jsonPath("$.warnings").isEmpty());
    }

    @Test
    void domainRefusalsLeaveAsTheProblemsTheApiAlwaysAnswered() throws Exception {
        when(connections.get(ALICE, "missing")).thenThrow(new NotFoundException("Connection"));
        mvc.perform(get("/api/v1/connections/missing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Not Found"))
                .andExpect(jsonPath("$.detail").value("Connection not found"))
                .andExpect(jsonPath("$.instance").value("/api/v1/connections/missing"));

        when(connections.rename(eq(ALICE), eq("c1"), any())).thenThrow(
                new ConflictException("You already have a connection named 'Bank'"));
        mvc.perform(patch("/api/v1/connections/c1").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"alias\":\"Bank\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.title").value("Conflict"))
                .andExpect(jsonPath("$.detail").value("You already have a connection named 'Bank'"));

        when(connections.create(eq(ALICE), any())).thenThrow(InvalidInputException.field("provider",
                "unknown provider"));
        mvc.perform(post("/api/v1/connections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"nope\",\"alias\":\"x\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("provider: unknown provider"))
                .andExpect(jsonPath("$.errors[0].field").value("provider"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown provider"));
    }

    @Test
    void aBodyThatBreaksTheRecordsConstraintsNeverReachesTheService() throws Exception {
        mvc.perform(post("/api/v1/connections").contentType(MediaType.APPLICATION_JSON).content("{\"alias\":\"\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("provider", "alias")));
        org.mockito.Mockito.verifyNoInteractions(connections);
    }
}
