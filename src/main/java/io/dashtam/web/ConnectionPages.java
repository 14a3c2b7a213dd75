package io.dashtam.web;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RateLimitedException;
import io.dashtam.providers.AuthorizationService;
import io.dashtam.providers.ConnectionService;
import io.dashtam.providers.ConnectionView;
import io.dashtam.providers.ProviderType;
import io.dashtam.sync.SyncRun;
import io.dashtam.sync.SyncService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
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

    /** What each status means to the user and what they can do about it, by how the provider connects. */
    static String help(String kind, String status, String provider) {
        if ("upload".equals(kind)) {
            return "Ready for files: import an OFX, QFX or CSV statement into it. Dashtam does not sync it; "
                    + "import a newer file to bring it up to date.";
        }
        boolean paste = "paste".equals(kind);
        return switch (status) {
            case "pending" -> paste ? "Not connected yet. Paste a setup token from " + provider + " below to connect."
                    : "Not connected yet. Connect to sign in at " + provider + " and grant Dashtam access.";
            case "active" -> "Connected. Dashtam syncs it on its own; you can also sync now.";
            case "reauth_required" -> "The provider's grant ends soon. Reconnect before the deadline to keep syncing.";
            case "expired" -> "The provider's grant ended. " + (paste ? "Paste a new setup token" : "Reconnect")
                    + " to sync again.";
            case "revoked" -> "Access was revoked at the provider. " + (paste ? "Paste a new setup token"
                    : "Reconnect") + ", or delete the connection.";
            case "error" -> "The provider refused the stored " + (paste ? "credential. Paste a new setup token"
                    : "grant. Reconnect") + " to fix it.";
            default -> "";
        };
    }

    private final ConnectionService connections;
    private final AuthorizationService authorization;
    private final SyncService syncs;
    private final PageModel pages;

    ConnectionPages(ConnectionService connections, AuthorizationService authorization, SyncService syncs,
            PageModel pages) {
        this.connections = connections;
        this.authorization = authorization;
        this.syncs = syncs;
        this.pages = pages;
    }

    /** A run's progress as app.js reads it while it polls. */
    record RunStatus(UUID id, UUID connectionId, String status, Instant queuedAt, Instant startedAt,
            Instant finishedAt, int accounts, int added, int updated, int removed, String error) {

        static RunStatus of(SyncRun r) {
            return new RunStatus(r.id(), r.connectionId(), r.status(), r.queuedAt(), r.startedAt(), r.finishedAt(),
                    r.accounts(), r.added(), r.updated(), r.removed(), r.error());
        }
    }

    @GetMapping("/app/connections")
    String list(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        pages.followEvents(me, model);
        var rows = pages.connectionRows(me);
        model.addAttribute("connections", rows);
        var providers = connections.providers();
        model.addAttribute("providers", providers);
        // The first provider that can be connected here is chosen already (the first listed may not be).
        model.addAttribute("preselected", providers.stream().filter(ProviderType::configured).map(ProviderType::key)
                .findFirst().orElse(null));
        model.addAttribute("help", rows.stream().collect(java.util.stream.Collectors.toMap(r -> r.connection().id(),
                r -> help(kind(r.connection().provider()), r.connection().status(),
                        providerName(r.connection().provider())), (a, b) -> a)));
        model.addAttribute("sandboxOffered", pages.sandboxOffered());
        return "web/connections";
    }

    @PostMapping("/app/connections")
    String add(@AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) String provider,
            @RequestParam(required = false) String alias, HttpServletResponse response, Model model) {
        ConnectionView created;
        try {
            created = connections.create(me, new ConnectionService.NewConnection(provider, alias));
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
            model.addAttribute("alias", alias);
            return list(me, model);
        }
        if ("redirect".equals(kind(created.provider())) && "pending".equals(created.status())) {
            return "redirect:" + authorization.start(me, created.id()).connectUrl();
        }
        return "redirect:/app/connections/" + created.id();
    }

    @GetMapping("/app/connections/{id}")
    String one(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @RequestParam(required = false) String run, Model model) {
        pages.followEvents(me, model);
        var connection = connections.get(me, id);
        model.addAttribute("c", connection);
        String kind = kind(connection.provider());
        String name = providerName(connection.provider());
        model.addAttribute("help", help(kind, connection.status(), name));
        model.addAttribute("kind", kind);
        model.addAttribute("providerName", name);
        if ("paste".equals(kind)) {
            model.addAttribute("credentialHelp", CredentialHelp.of(connection.provider()).orElse(null));
        }
        SyncRun shown = null;
        if (connection.synced()) {
            UUID connectionId = PageModel.uuid(connection.id());
            shown = run == null ? syncs.latest(me, connectionId).orElse(null)
                    : syncs.run(me, connectionId, PageModel.uuid(run));
        }
        model.addAttribute("run", shown);
        return "web/connection";
    }

    @PostMapping("/app/connections/{id}/connect")
    String connect(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id) {
        return "redirect:" + authorization.start(me, id).connectUrl();
    }

    /**
     * A paste provider's setup token or key, through the API's credential call. A refusal (already claimed,
     * not a token) is shown on the page; what was pasted is never put back into it.
     */
    @PostMapping("/app/connections/{id}/credential")
    String paste(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @RequestParam(required = false) String credential, HttpServletResponse response, Model model) {
        try {
            authorization.paste(me, id, new AuthorizationService.PastedCredential(credential));
            return "redirect:/app/connections/" + id + "?connected";
        } catch (NotFoundException e) {
            throw e;
        } catch (DomainException e) {
            // An unreachable provider (502 in the API) is shown as a message to retry, like any refusal: no 5xx page.
            Refusals.onForm(e, response, model);
            return one(me, id, null, model);
        }
    }

    /** A sync refused for the provider's request budget (429) is a message on the page, with when to try again. */
    @PostMapping("/app/connections/{id}/sync")
    String sync(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id, HttpServletResponse response,
            Model model) {
        try {
            var run = syncs.start(me, PageModel.uuid(id));
            return "redirect:/app/connections/" + id + "?run=" + run.id();
        } catch (RateLimitedException e) {
            Refusals.onForm(e, response, model);
            return one(me, id, null, model);
        }
    }

    /** The run's progress for app.js, with the page's cookie (the JSON API itself stays bearer-only). */
    @GetMapping(value = "/app/connections/{id}/syncs/{run}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    RunStatus progress(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @PathVariable String run) {
        return RunStatus.of(syncs.run(me, PageModel.uuid(id), PageModel.uuid(run)));
    }

    @PostMapping("/app/connections/{id}/rename")
    String rename(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String id,
            @RequestParam(required = false) String alias, HttpServletResponse response, Model model) {
        try {
            connections.rename(me, id, new ConnectionService.Rename(alias));
            return "redirect:/app/connections/" + id;
        } catch (NotFoundException e) {
            throw e;
        } catch (DomainException e) {
            Refusals.onForm(e, response, model);
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

    /** The provider's name without its description: "SimpleFIN", not "SimpleFIN (banks and cards via ...)". */
    private String providerName(String provider) {
        return connections.provider(provider).map(ProviderType::name).map(n -> n.replaceFirst("\\s*\\(.*\\)$", ""))
                .orElse(provider);
    }

    /** The registry's connect kind for a provider key (redirect, paste, upload). */
    private String kind(String provider) {
        return connections.provider(provider).map(ProviderType::connectKind).orElse("redirect");
    }
}
