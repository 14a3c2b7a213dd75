package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.UserId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
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

/** Account administration, for admins only: list users, disable or re-enable one, end all of a user's sessions. */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminController {

    private final AdminService admin;

    AdminController(AdminService admin) {
        this.admin = admin;
    }

    record AdminUserView(String id, String email, String name, String role, String status, boolean emailVerified,
            Instant createdAt, Instant lockedUntil, Boolean secondFactor) {
        static AdminUserView of(AccountService.UserInfo user) {
            return new AdminUserView(user.id().toString(), user.email(), user.name(), user.role(), user.status(),
                    user.emailVerified(), user.createdAt(), null, null);
        }

        static AdminUserView of(AdminService.AdminUserInfo user) {
            return new AdminUserView(user.id().toString(), user.email(), user.name(), user.role(), user.status(),
                    user.emailVerified(), user.createdAt(), user.lockedUntil(), user.secondFactor());
        }
    }

    record UserPage(List<AdminUserView> users, int limit, int offset) {
    }

    @GetMapping
    UserPage list(@AuthenticationPrincipal AuthenticatedUser admin,
            @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(500) int limit,
            @RequestParam(name = "offset", defaultValue = "0") @Min(0) int offset) {
        return new UserPage(this.admin.users(admin, limit, offset).stream().map(u -> AdminUserView.of(u)).toList(), limit,
                offset);
    }

    @PostMapping("/{id}/disable")
    AdminUserView disable(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable("id") String id) {
        return AdminUserView.of(this.admin.disable(admin, parse(id)));
    }

    @PostMapping("/{id}/enable")
    AdminUserView enable(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable("id") String id) {
        return AdminUserView.of(this.admin.enable(admin, parse(id)));
    }

    @PostMapping("/{id}/unlock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlock(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable("id") String id) {
        this.admin.unlock(admin, parse(id));
    }

    @PostMapping("/{id}/mfa/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetSecondFactor(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable("id") String id) {
        this.admin.resetSecondFactor(admin, parse(id));
    }

    @DeleteMapping("/{id}/sessions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void endSessions(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable("id") String id) {
        this.admin.endSessions(admin, parse(id));
    }

    private static UserId parse(String id) {
        try {
            return UserId.of(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("User");
        }
    }
}
