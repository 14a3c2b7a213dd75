package io.dashtam.web;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.providers.UserConnections;
import io.dashtam.sync.SyncRequests;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Connections: add one of any provider the registry offers (by its connect kind), connect or reconnect through
 * the real OAuth flow, "Sync now" with progress (app.js follows the event stream, or polls the run where the
 * stream cannot be opened), status badges that change live, rename, delete with confirmation.
 */
@Controller
class ConnectionPages {

    /** What each status means to the user and what they can do about it. */
    static final Map<String, String> STATUS_HELP = Map.of(
            "pending", "Not connected yet. Connect to sign in at the provider and grant access.",
            "active", "Connected. Dashtam syncs it on its own; you can also sync now.",
            "reauth_required", "The provider's grant ends soon. Reconnect before the deadline to keep syncing.",
            "expired", "The provider's grant ended. Reconnect to sync again.",
            "revoked", "Access was revoked at the provider. Reconnect, or delete the connection.",
            "error", "The provider refused the stored grant. Reconnect to fix it.");

    private final UserConnections connections;
    private final SyncRequests syncs;
    private final DashboardPage dashboard;

    ConnectionPages(UserConnections connections, SyncRequests syncs, DashboardPage dashboard) {
        this.connections = connections;
        this.syncs = syncs;
        this.dashboard = dashboard;
    }

    @GetMapping("/app/connections")
    String list(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        dashboard.followEvents(me, model);
        model.addAttribute("connections", dashboard.rows(me));
        model.addAttribute("providers", connections.providers());
        model.addAttribute("help", STATUS_HELP);
        return "web/connections";
    }

    @PostMapping("/app/connections")
    String add(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String provider,
            @RequestParam(required = false) String alias, HttpServletResponse response, Model model) {
        UserConnections.ConnectionSummary created;
        try {
            created = connections.create(me, provider, alias);
        } catch (ApiException e) {
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("alias", alias);
            return list(me, model);
        }
        if ("redirect".equals(kind(created.provider())) && "pending".equals(created.status())) {
            return "redirect:" + connections.connectUrl(me, created.id().toString());
        }
        return "redirect:/app/connections/" + created.id();
    }

    @GetMapping("/app/connections/{id}")
    String one(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @RequestParam(required = false) String run, Model model) {
        dashboard.followEvents(me, model);
        var connection = connections.get(me, id);
        model.addAttribute("c", connection);
        model.addAttribute("help", STATUS_HELP.getOrDefault(connection.status(), ""));
        var provider = connections.provider(connection.provider());
        model.addAttribute("kind", kind(connection.provider()));
        model.addAttribute("providerName", provider.map(UserConnections.ProviderOption::name)
                .orElse(connection.provider()));
        SyncRequests.RunStatus shown = null;
        if (connection.synced()) {
            shown = run == null ? syncs.latest(me, connection.id()).orElse(null)
                    : syncs.run(me, connection.id(), DashboardPage.uuid(run));
        }
        model.addAttribute("run", shown);
        return "web/connection";
    }

    @PostMapping("/app/connections/{id}/connect")
    String connect(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id) {
        return "redirect:" + connections.connectUrl(me, id);
    }

    /**
     * A paste provider's setup token or key, through the API's credential call. A refusal (already claimed,
     * not a token) is shown on the page; what was pasted is never put back into it.
     */
    @PostMapping("/app/connections/{id}/credential")
    String paste(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @RequestParam(required = false) String credential, HttpServletResponse response, Model model) {
        try {
            connections.paste(me, id, credential);
            return "redirect:/app/connections/" + id + "?connected";
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            // An unreachable provider (502 in the API) is shown as a message to retry, like any refusal: no 5xx page.
            response.setStatus(e.status() >= 500 ? HttpServletResponse.SC_BAD_REQUEST : e.status());
            model.addAttribute("error", e.getMessage());
            return one(me, id, null, model);
        }
    }

    /** A sync refused for the provider's request budget (429) is a message on the page, with when to try again. */
    @PostMapping("/app/connections/{id}/sync")
    String sync(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id, HttpServletResponse response,
            Model model) {
        try {
            var run = syncs.start(me, DashboardPage.uuid(id));
            return "redirect:/app/connections/" + id + "?run=" + run.id();
        } catch (ApiException e) {
            if (e.status() != 429) {
                throw e;
            }
            response.setStatus(e.status());
            response.setHeader("Retry-After", String.valueOf(e.properties().get("retryAfterSeconds")));
            model.addAttribute("error", e.getMessage());
            return one(me, id, null, model);
        }
    }

    /** The run's progress for app.js, with the page's cookie (the JSON API itself stays bearer-only). */
    @GetMapping(value = "/app/connections/{id}/syncs/{run}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    SyncRequests.RunStatus progress(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @PathVariable String run) {
        return syncs.run(me, DashboardPage.uuid(id), DashboardPage.uuid(run));
    }

    @PostMapping("/app/connections/{id}/rename")
    String rename(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @RequestParam(required = false) String alias, HttpServletResponse response, Model model) {
        try {
            connections.rename(me, id, alias);
            return "redirect:/app/connections/" + id;
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw e;
            }
            response.setStatus(e.status());
            model.addAttribute("error", e.getMessage());
            return one(me, id, null, model);
        }
    }

    @GetMapping("/app/connections/{id}/delete")
    String confirmDelete(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id, Model model) {
        model.addAttribute("c", connections.get(me, id));
        return "web/connection-delete";
    }

    @PostMapping("/app/connections/{id}/delete")
    String delete(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id) {
        connections.delete(me, id);
        return "redirect:/app/connections?deleted";
    }

    /** The registry's connect kind for a provider key (redirect, paste, upload). */
    private String kind(String provider) {
        return connections.provider(provider).map(UserConnections.ProviderOption::connectKind).orElse("redirect");
    }

    static UUID id(String id) {
        return DashboardPage.uuid(id);
    }
}
