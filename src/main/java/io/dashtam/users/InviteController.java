package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.UserId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invite links, for admins only (the path is under /api/v1/admin): create one (201 with its link, shown this once),
 * list them, newest first, with who made them and their state (open, used, revoked, expired) and the registration
 * mode in force, and revoke an open one.
 */
@RestController
@RequestMapping("/api/v1/admin/invites")
class InviteController {

    private final AdminService admin;
    private final RegistrationSetting registration;

    InviteController(AdminService admin, RegistrationSetting registration) {
        this.admin = admin;
        this.registration = registration;
    }

    /** The token and link appear here once; afterwards only their hash exists. */
    record CreatedInvite(String id, String token, String url, Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "CreatedInvite[id=" + id + "]";
        }
    }

    record InviteView(String id, String createdBy, String createdByEmail, Instant createdAt, Instant expiresAt,
            String state, Instant usedAt, String usedBy, Instant revokedAt, String revokedBy) {
        static InviteView of(AdminService.InviteInfo i) {
            return new InviteView(i.id().toString(), i.createdBy().toString(), i.createdByEmail(), i.createdAt(),
                    i.expiresAt(), i.state(), i.usedAt(), text(i.usedBy()), i.revokedAt(), text(i.revokedBy()));
        }

        private static String text(UserId user) {
            return user == null ? null : user.toString();
        }
    }

    record InvitePage(String registration, List<InviteView> invites) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedInvite create(@AuthenticationPrincipal AuthenticatedUser admin) {
        var created = this.admin.createInvite(admin);
        return new CreatedInvite(created.id().toString(), created.token(), created.link(), created.createdAt(),
                created.expiresAt());
    }

    @GetMapping
    InvitePage list(@AuthenticationPrincipal AuthenticatedUser admin,
            @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(500) int limit) {
        return new InvitePage(registration.effective().value(),
                this.admin.invites(admin, limit).stream().map(InviteView::of).toList());
    }

    /** 204; an id that is not an open invite (unknown, used, revoked, expired, not an id at all) is a 404. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable("id") String id) {
        UUID invite;
        try {
            invite = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw NotFoundException.because("No open invite with this id");
        }
        this.admin.revokeInvite(admin, invite);
    }
}
