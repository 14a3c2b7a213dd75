package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invite links, for admins only (the path is under /api/v1/admin): create one (201 with its link, shown this once)
 * and list them, newest first, with their state (open, used, expired) and the registration mode in force.
 */
@RestController
@RequestMapping("/api/v1/admin/invites")
class InviteController {

    private final Invitations invitations;
    private final Registrations registrations;

    InviteController(Invitations invitations, Registrations registrations) {
        this.invitations = invitations;
        this.registrations = registrations;
    }

    /** The token and link appear here once; afterwards only their hash exists. */
    record CreatedInvite(String id, String token, String url, Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "CreatedInvite[id=" + id + "]";
        }
    }

    record InviteView(String id, String createdBy, Instant createdAt, Instant expiresAt, String state,
            Instant usedAt, String usedBy) {
    }

    record InvitePage(String registration, List<InviteView> invites) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedInvite create(@AuthenticationPrincipal AuthenticatedUser admin) {
        var created = invitations.create(admin);
        return new CreatedInvite(created.invite().id().toString(), created.token().value(), created.link(),
                created.invite().createdAt(), created.invite().expiresAt());
    }

    @GetMapping
    InvitePage list(@AuthenticationPrincipal AuthenticatedUser admin,
            @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(500) int limit) {
        return new InvitePage(registrations.mode().value(), invitations.newest(admin, limit).stream()
                .map(i -> new InviteView(i.id().toString(), i.createdBy().toString(), i.createdAt(), i.expiresAt(),
                        invitations.state(i), i.usedAt(), i.usedBy() == null ? null : i.usedBy().toString()))
                .toList());
    }
}
