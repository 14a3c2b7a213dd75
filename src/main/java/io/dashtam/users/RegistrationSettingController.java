package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who may sign up, for admins only (the path is under /api/v1/admin): read the mode in force and where it comes
 * from, set it ({@code open}, {@code invite-only}, {@code closed}; stored, it wins over DASHTAM_REGISTRATION on
 * every replica), or reset it to the configured default.
 */
@RestController
@RequestMapping("/api/v1/admin/registration")
class RegistrationSettingController {

    private final RegistrationSetting setting;

    RegistrationSettingController(RegistrationSetting setting) {
        this.setting = setting;
    }

    /** {@code mode}: open, invite-only or closed. */
    record ModeChange(@NotNull @Size(max = 32) String mode) {
    }

    @GetMapping
    RegistrationSetting.RegistrationView get(@AuthenticationPrincipal AuthenticatedUser admin) {
        return setting.view(admin);
    }

    @PutMapping
    RegistrationSetting.RegistrationView put(@AuthenticationPrincipal AuthenticatedUser admin,
            @Valid @RequestBody ModeChange change) {
        return setting.change(admin, change.mode());
    }

    /** Back to DASHTAM_REGISTRATION; answers the mode now in force. */
    @DeleteMapping
    RegistrationSetting.RegistrationView reset(@AuthenticationPrincipal AuthenticatedUser admin) {
        return setting.reset(admin);
    }
}
